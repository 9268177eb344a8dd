#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Life cycle of lsw devices and of the module itself.
#
#   init netns          ns A                 ns B
#   +-----------+       +-----------+        +-----------+
#   | lsw5001   |       | lsw5001   |        | lsw5001   |
#   +-----------+       | lsw5002   |        +-----------+
#                       +-----------+
#
# Devices are created and deleted in several namespaces, namespaces are
# deleted with devices inside, and the module is unloaded with devices
# present: every device must go away cleanly, and the module must be
# unloadable at the end (nothing holds a reference).

source "$(dirname "$0")/lib.sh"

TESTS=(
	module_info
	create_delete
	link_show_details
	mac_address
	autoload
	genl_autoload
	several_netns
	netns_delete
	unload_with_devices
	many_devices
	cli_link
	no_leak
)

# The lsw devices of a netns ("" = the current one), one name per line.
lsw_devs()
{
	if [[ -n ${1:-} ]]; then
		ip -n "$1" -o link show type lsw
	else
		ip -o link show type lsw
	fi | awk -F': ' '{ print $2 }'
}

test_module_info()
{
	lsw_module_load
	run modinfo -F alias lsw
	[[ $OUT == *rtnl-link-lsw* ]] || fail "no rtnl-link-lsw alias"
	run modinfo -F version lsw
	[[ -n $OUT ]] || fail "no module version"
	run cat /sys/module/lsw/version
	[[ -n $OUT ]] || fail "no version in sysfs"
	run modinfo -F license lsw
	[[ $OUT == GPL ]] || fail "license is '$OUT'"
}

test_create_delete()
{
	lsw_module_load
	run "$LSW" link add lsw5001 vni 5001
	run ip -o link show dev lsw5001
	[[ $OUT == *lsw5001* ]] || fail "device not listed"
	run ip link set lsw5001 up
	run ip -o link show dev lsw5001
	[[ $OUT == *"state UP"* || $OUT == *"state UNKNOWN"* ]] ||
		fail "device not up"
	[[ $OUT == *LOWER_UP* ]] || fail "no carrier once up"
	run ip link set lsw5001 down
	run ip link del lsw5001
	fails ip link show dev lsw5001
	[[ $OUT == *"does not exist"* ]] || fail "device still there"
	# Deleting twice is an error, not a crash.
	fails ip link del lsw5001
}

test_link_show_details()
{
	lsw_module_load
	run "$LSW" link add lsw5001 vni 5001
	run ip -d link show dev lsw5001
	[[ $OUT == *"lsw "* || $OUT == *$'\n    lsw'* ]] || fail "kind not shown"
	run ip -d -j link show dev lsw5001
	[[ $OUT == *'"info_kind":"lsw"'* ]] || fail "no info_kind lsw in JSON"
	run ethtool -i lsw5001
	[[ $OUT == *"driver: lsw"* ]] || fail "ethtool driver is not lsw"
	run ip link show type lsw
	[[ $OUT == *lsw5001* ]] || fail "not found by kind"
}

test_mac_address()
{
	local mac

	lsw_module_load
	run "$LSW" link add lsw5001 vni 5001
	mac=$(cat /sys/class/net/lsw5001/address)
	log "random address $mac"
	# Random addresses are locally administered unicast.
	(( (0x${mac:0:2} & 0x01) == 0 )) || fail "multicast address $mac"
	(( (0x${mac:0:2} & 0x02) != 0 )) || fail "not locally administered"
	run ip link set lsw5001 address 02:00:00:00:50:01
	[[ $(cat /sys/class/net/lsw5001/address) == 02:00:00:00:50:01 ]] ||
		fail "address not changed"
	run "$LSW" link add lsw5002 vni 5002 address 02:00:00:00:50:02
	[[ $(cat /sys/class/net/lsw5002/address) == 02:00:00:00:50:02 ]] ||
		fail "address at creation not used"
	fails "$LSW" link add lsw5003 vni 5003 address 01:00:5e:00:00:01
	[[ $OUT == *"Link address is not a unicast MAC"* ]] ||
		fail "no extack message for a multicast address"
	fails ip link show dev lsw5003
}

test_autoload()
{
	lsw_module_load
	run rmmod lsw
	! lsw_module_loaded || fail "module still loaded"
	# rtnetlink asks for "rtnl-link-lsw": the module's alias.
	run "$LSW" link add lsw5001 vni 5001
	lsw_module_loaded || fail "module not autoloaded"
	run ip -o link show dev lsw5001
}

test_genl_autoload()
{
	lsw_module_load
	run rmmod lsw
	# Resolving the "lsw" generic netlink family loads the module
	# (alias net-pf-16-proto-16-family-lsw).
	run "$LSW" -j mac show
	[[ $OUT == "[]" ]] || fail "mac show: $OUT"
	lsw_module_loaded || fail "module not autoloaded by its genl family"
}

test_several_netns()
{
	local a b

	lsw_module_load
	ns_create a b
	run "$LSW" link add lsw5001 vni 5001
	run "$LSW" -n "$a" link add lsw5001 vni 5001
	run "$LSW" -n "$a" link add lsw5002 vni 5002
	run "$LSW" -n "$b" link add lsw5001 vni 5001
	[[ $(lsw_devs) == lsw5001 ]] || fail "init netns: $(lsw_devs)"
	[[ $(lsw_devs "$a" | sort | tr '\n' ' ') == "lsw5001 lsw5002 " ]] ||
		fail "netns a: $(lsw_devs "$a")"
	[[ $(lsw_devs "$b") == lsw5001 ]] || fail "netns b: $(lsw_devs "$b")"
	run ip -n "$a" link del lsw5001
	[[ $(lsw_devs "$a") == lsw5002 ]] || fail "wrong device deleted in a"
	[[ $(lsw_devs "$b") == lsw5001 ]] || fail "b changed by a's delete"
	[[ $(lsw_devs) == lsw5001 ]] || fail "init changed by a's delete"
	# A switch stays in its namespace: its VNI and sockets are there.
	fails ip -n "$a" link set lsw5002 netns "$b"
	[[ $(lsw_devs "$a") == lsw5002 ]] || fail "lsw5002 left netns a"
}

test_netns_delete()
{
	local a w

	lsw_module_load
	ns_create a w
	run "$LSW" -n "$a" link add lsw5001 vni 5001
	run "$LSW" -n "$a" link add lsw5002 vni 5002
	run ip -n "$a" link set lsw5001 up
	# A veth between a and w goes in the same pass over a's devices
	# as the switches: once w's end is gone, so are they, or they were
	# moved out.
	run ip link add probe0 netns "$a" type veth peer name probe1 netns "$w"
	run ip netns del "$a"
	wait_for bash -c "! ip -n '$w' link show probe1" ||
		fail "netns a is not cleaned up"
	# The devices are destroyed with their namespace, not moved out
	# to the init namespace as devices without link ops would be.
	[[ -z $(lsw_devs) ]] || fail "devices leaked to init netns: $(lsw_devs)"
	# cleanup_net runs from a workqueue: unloading succeeds once every
	# device is gone.
	wait_for rmmod lsw || fail "module busy after netns deletion"
}

test_unload_with_devices()
{
	local a b

	lsw_module_load
	ns_create a b
	run "$LSW" link add lsw5001 vni 5001
	run ip link set lsw5001 up
	run "$LSW" -n "$a" link add lsw5001 vni 5001
	run "$LSW" -n "$b" link add lsw5009 vni 5009
	run ip -n "$b" link set lsw5009 up
	run rmmod lsw
	! lsw_module_loaded || fail "module still loaded"
	[[ -z $(lsw_devs) ]] || fail "init netns kept devices"
	run ip -n "$a" -o link show
	[[ $OUT != *lsw5001* ]] || fail "netns a kept its device"
	run ip -n "$b" -o link show
	[[ $OUT != *lsw5009* ]] || fail "netns b kept its device"
	run modprobe lsw
}

test_many_devices()
{
	local i a

	lsw_module_load
	ns_create a
	for i in $(seq 1 64); do
		echo "link add lsw$i vni $i"
	done > /tmp/lsw-many.batch
	run "$LSW" -n "$a" -batch /tmp/lsw-many.batch
	[[ $(lsw_devs "$a" | wc -l) == 64 ]] || fail "not 64 devices"
	sed 's/^link add \(lsw[0-9]*\) .*/link del \1/' /tmp/lsw-many.batch \
		> /tmp/lsw-many-del.batch
	run "$LSW" -n "$a" -batch /tmp/lsw-many-del.batch
	[[ -z $(lsw_devs "$a") ]] || fail "devices left: $(lsw_devs "$a")"
	rm -f /tmp/lsw-many.batch /tmp/lsw-many-del.batch
}

test_cli_link()
{
	local a

	lsw_module_load
	ns_create a
	run "$LSW" -n "$a" link add lsw5001 vni 5001
	run "$LSW" -n "$a" link show
	[[ $OUT == *"lsw5001: <BROADCAST,MULTICAST>"* ]] || fail "not listed"
	run "$LSW" -n "$a" -j link show
	[[ $OUT == '[{"ifindex":'*'"ifname":"lsw5001"'* ]] || fail "bad JSON"
	run ip -n "$a" link add dummy0 type dummy
	fails "$LSW" -n "$a" link show dummy0
	[[ $OUT == *"dummy0 is not an lsw device"* ]] || fail "dummy0 accepted"
	fails "$LSW" -n "$a" link del dummy0
	fails "$LSW" -n "$a" link add lsw5001 vni 5002
	[[ $OUT == "Error: File exists" ]] || fail "duplicate: '$OUT'"
	run "$LSW" -n "$a" link del lsw5001
	[[ -z $(lsw_devs "$a") ]] || fail "not deleted"
}

test_no_leak()
{
	# After everything above, the module has no users and unloads;
	# a leaked device or reference would keep it busy or splat.
	lsw_module_load
	[[ $(awk '$1 == "lsw" { print $3 }' /proc/modules) == 0 ]] ||
		fail "module has users: $(grep '^lsw ' /proc/modules)"
	run rmmod lsw
	run modprobe lsw
}

lsw_require ip modprobe rmmod ethtool
lsw_run_tests
