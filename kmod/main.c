// SPDX-License-Identifier: GPL-2.0
/*
 * lsw: logical switch datapath for hypervisor hosts.
 *
 * Module entry points: the per-netns list of lsw devices, the port
 * notifier, the "lsw" link kind and the "lsw" generic netlink family.
 */

#include <linux/module.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/rtnetlink.h>
#include <linux/lsw.h>

#include "lsw.h"

unsigned int lsw_net_id __read_mostly;

static int __net_init lsw_net_init(struct net *net)
{
	struct lsw_net *ln = net_generic(net, lsw_net_id);

	INIT_LIST_HEAD(&ln->devs);
	INIT_LIST_HEAD(&ln->socks);
	return 0;
}

/*
 * The core deletes a dying netns's lsw devices (through dellink) before
 * any subsystem's exit method runs; the last one to go down closed the
 * UDP sockets.
 */
static void __net_exit lsw_net_exit(struct net *net)
{
	struct lsw_net *ln = net_generic(net, lsw_net_id);

	WARN_ON_ONCE(!list_empty(&ln->devs));
	WARN_ON_ONCE(!list_empty(&ln->socks));
}

static struct pernet_operations lsw_net_ops = {
	.init	= lsw_net_init,
	.exit	= lsw_net_exit,
	.id	= &lsw_net_id,
	.size	= sizeof(struct lsw_net),
};

static int __init lsw_init(void)
{
	int err;

	err = lsw_mac_cache_init();
	if (err)
		return err;

	err = lsw_neigh_cache_init();
	if (err)
		goto err_mac_cache;

	err = register_pernet_subsys(&lsw_net_ops);
	if (err)
		goto err_neigh_cache;

	err = lsw_port_init();
	if (err)
		goto err_pernet;

	err = lsw_dev_init();
	if (err)
		goto err_port;

	err = lsw_nl_init();
	if (err)
		goto err_dev;

	pr_info("logical switch datapath " LSW_VERSION "\n");
	return 0;

err_dev:
	lsw_dev_exit();
err_port:
	lsw_port_exit();
err_pernet:
	unregister_pernet_subsys(&lsw_net_ops);
err_neigh_cache:
	lsw_neigh_cache_exit();
err_mac_cache:
	lsw_mac_cache_exit();
	return err;
}

static void __exit lsw_exit(void)
{
	lsw_nl_exit();
	lsw_dev_exit();
	lsw_port_exit();
	unregister_pernet_subsys(&lsw_net_ops);
	/* RCU callbacks of the tables run module code: wait for them. */
	rcu_barrier();
	lsw_neigh_cache_exit();
	lsw_mac_cache_exit();
}

module_init(lsw_init);
module_exit(lsw_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lsw: logical switch datapath (VXLAN/Geneve) for hypervisor hosts");
MODULE_AUTHOR("lsw developers");
MODULE_VERSION(LSW_VERSION);
MODULE_ALIAS_RTNL_LINK(LSW_LINK_KIND);
