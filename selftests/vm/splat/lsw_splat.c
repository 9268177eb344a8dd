// SPDX-License-Identifier: GPL-2.0
/*
 * A module that WARNs when loaded, and nothing else: the VM runner's own
 * selftest loads it to prove that a kernel splat fails a run whose
 * command succeeded.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init lsw_splat_init(void)
{
	WARN(1, "lsw_splat: provoked warning for the VM runner selftest\n");
	return 0;
}

static void __exit lsw_splat_exit(void)
{
}

module_init(lsw_splat_init);
module_exit(lsw_splat_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lsw VM runner selftest: WARN at load");
