// SPDX-License-Identifier: GPL-2.0
/*
 * lsw: logical switch datapath for hypervisor hosts.
 *
 * Module entry points: register the "lsw" link kind.
 */

#include <linux/module.h>
#include <net/rtnetlink.h>
#include <linux/lsw.h>

#include "lsw.h"

static int __init lsw_init(void)
{
	int err;

	err = lsw_dev_init();
	if (err)
		return err;

	pr_info("logical switch datapath " LSW_VERSION "\n");
	return 0;
}

static void __exit lsw_exit(void)
{
	lsw_dev_exit();
}

module_init(lsw_init);
module_exit(lsw_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lsw: logical switch datapath (VXLAN/Geneve) for hypervisor hosts");
MODULE_AUTHOR("lsw developers");
MODULE_VERSION(LSW_VERSION);
MODULE_ALIAS_RTNL_LINK(LSW_LINK_KIND);
