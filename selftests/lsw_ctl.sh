#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The control plane: link attributes, the VTEP, MAC and ARP/ND tables,
# counters and notifications, through the lsw tool, raw netlink
# (lsw_nl.py) and the kernel's own YNL client.
#
#   netns A                                netns B
#   +--------------------------------+     +-----------+
#   | lsw5001 (vni 5001, 10.0.0.1)   |     | lsw5001   |
#   |   port: veth0 (peer veth1)     |     +-----------+
#   | lsw6001 (vni 6001, fd00::1)    |
#   +--------------------------------+
#
# Every answer is checked: table contents after each change, the exact
# extack message of every refusal, the JSON of every notification.

source "$(dirname "$0")/lib.sh"

# nlraw ARGS...: lsw_nl.py in netns A (one process for all of a test's
# requests once it called nl_serve "$A").
nlraw()
{
	nl_raw "$A" "$@"
}

TESTS=(
	link_defaults
	link_attributes
	link_changelink
	link_errors
	vni_unique
	vtep_table
	mac_table
	arp_table
	nlm_flags
	stray_attrs
	stray_miss
	limits
	learned_ageing
	flush_filters
	port_entries
	port_errors
	link_metadata
	mac_key
	port_object
	port_monitor
	notifications
	stats
	permissions
	netns_isolation
	malformed
	batch_partial
	batch_100k
	ynl
)

# A namespace with an IPv4 and an IPv6 switch and a port on the first.
setup()
{
	ns_create A
	lsw_module_load
	run "$LSW" -n "$A" link add lsw5001 vni 5001 local 10.0.0.1
	run "$LSW" -n "$A" link add lsw6001 vni 6001 local fd00::1
	run ip -n "$A" link add veth0 type veth peer name veth1
	run ip -n "$A" link set veth0 master lsw5001
}

# not_host: drop the switches' own entries (their addresses, permanent)
# from the MAC entries in $OUT: what is left is what requests made.
not_host()
{
	OUT=$(jq -c '[.[] | select(.flags != ["permanent"])]' <<< "$OUT")
}

test_link_defaults()
{
	setup
	lswj "$A" link show lsw5001
	[[ $(jq -r '.[0].vni' <<< "$OUT") == 5001 ]] || fail "vni"
	[[ $(jq -r '.[0].local' <<< "$OUT") == 10.0.0.1 ]] || fail "local"
	[[ $(jq -r '.[0].dstport' <<< "$OUT") == 4789 ]] || fail "dstport"
	[[ $(jq -r '.[0].encap' <<< "$OUT") == vxlan ]] || fail "encap"
	[[ $(jq -r '.[0].learning' <<< "$OUT") == true ]] || fail "learning"
	[[ $(jq -r '.[0].ageing' <<< "$OUT") == 300 ]] || fail "ageing"
	[[ $(jq -r '.[0].mac_limit' <<< "$OUT") == 16384 ]] || fail "mac_limit"
	[[ $(jq -r '.[0].arp_limit' <<< "$OUT") == 16384 ]] || fail "arp_limit"
	[[ $(jq -r '.[0].arp_suppress' <<< "$OUT") == true ]] || fail "arp_suppress"
	[[ $(jq -r '.[0].strict_vtep' <<< "$OUT") == false ]] || fail "strict_vtep"
	[[ $(jq -r '.[0].ip_tofu' <<< "$OUT") == false ]] || fail "ip_tofu"
	[[ $(jq -r '.[0].df' <<< "$OUT") == unset ]] || fail "df"
	[[ $(jq -r '.[0].segment' <<< "$OUT") == 0 ]] || fail "segment"
	[[ $(jq -r '.[0].replication' <<< "$OUT") == head ]] || fail "replication"
	[[ $(jq -r '.[0].ports[0]' <<< "$OUT") == veth0 ]] || fail "ports"
	# No underlay device: 1500 less the VXLAN over IPv4 overhead.
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == 1450 ]] || fail "mtu"
	lswj "$A" link show lsw6001
	[[ $(jq -r '.[0].local' <<< "$OUT") == fd00::1 ]] || fail "local6"
	[[ $(jq -r '.[0].mtu' <<< "$OUT") == 1430 ]] || fail "mtu over IPv6"
}

test_link_attributes()
{
	ns_create A
	lsw_module_load
	run ip -n "$A" link add ul0 mtu 9000 type dummy
	run "$LSW" -n "$A" link add sw1 vni 16777215 local 192.168.250.51 \
		dev ul0 dstport 8472 srcport 40000 40100 ttl 17 tos 0x20 \
		df set learning off ageing 42 mac-limit 7 arp-limit 0 \
		arp-suppress off strict-vtep on udpcsum on segment 3 \
		replication two-tier
	lswj "$A" link show sw1
	local want='{"vni":16777215,"local":"192.168.250.51","underlay":"ul0","dstport":8472,"srcport":{"low":40000,"high":40100},"ttl":17,"tos":32,"df":"set","learning":false,"ageing":42,"mac_limit":7,"arp_limit":0,"arp_suppress":false,"strict_vtep":true,"udp_csum":true,"segment":3,"replication":"two-tier","mtu":8950}'
	local got
	got=$(jq -c --argjson w "$want" '.[0] | with_entries(select(.key as $k | $w | has($k)))' <<< "$OUT")
	[[ $(jq -S . <<< "$got") == $(jq -S . <<< "$want") ]] ||
		fail "attributes differ: $got"
	run "$LSW" -n "$A" link add sw2 vni 2 ttl inherit tos inherit \
		df inherit udp6zerocsumtx on udp6zerocsumrx on local fd00::2
	lswj "$A" link show sw2
	[[ $(jq -r '.[0].ttl' <<< "$OUT") == inherit ]] || fail "ttl inherit"
	[[ $(jq -r '.[0].tos' <<< "$OUT") == inherit ]] || fail "tos inherit"
	[[ $(jq -r '.[0].df' <<< "$OUT") == inherit ]] || fail "df inherit"
	[[ $(jq -r '.[0].udp_zero_csum6_tx' <<< "$OUT") == true ]] || fail "csum6tx"
	[[ $(jq -r '.[0].udp_zero_csum6_rx' <<< "$OUT") == true ]] || fail "csum6rx"
}

test_link_changelink()
{
	setup
	nl_serve "$A"
	run "$LSW" -n "$A" link set lsw5001 ageing 60 learning off \
		mac-limit 100 arp-limit 200 arp-suppress off strict-vtep on \
		ttl 9 df set srcport 5000 6000 segment 12 replication two-tier
	lswj "$A" link show lsw5001
	[[ $(jq -c '.[0] | [.ageing, .learning, .mac_limit, .arp_limit, .arp_suppress, .strict_vtep, .ttl, .df, .srcport.low, .srcport.high, .segment, .replication]' <<< "$OUT") == '[60,false,100,200,false,true,9,"set",5000,6000,12,"two-tier"]' ]] ||
		fail "changelink did not apply: $OUT"
	fails nlraw link-set lsw5001 '[["REPLICATION","u8",9]]'
	[[ $OUT == *"out of range"* ]] || fail "replication out of range: $OUT"
	# Fixed attributes: refused by name, unless unchanged.
	fails nlraw link-set lsw5001 '[["VNI","u32",7]]'
	[[ $OUT == *"VNI cannot be changed"* ]] || fail "vni change: $OUT"
	run nlraw link-set lsw5001 '[["VNI","u32",5001]]'
	fails nlraw link-set lsw5001 '[["PORT","be16",4790]]'
	[[ $OUT == *"cannot be changed"* ]] || fail "port change: $OUT"
	fails nlraw link-set lsw5001 '[["LOCAL","ip4","10.0.0.9"]]'
	[[ $OUT == *"cannot be changed"* ]] || fail "local change: $OUT"
	# A refused change changes nothing, not even its valid parts.
	fails nlraw link-set lsw5001 '[["AGEING","u32",77],["VNI","u32",8]]'
	lswj "$A" link show lsw5001
	[[ $(jq -r '.[0].ageing' <<< "$OUT") == 60 ]] || fail "partial changelink"
}

test_link_errors()
{
	ns_create A
	lsw_module_load
	nl_serve "$A"
	fails ip -n "$A" link add sw0 type lsw
	[[ $OUT == *"VNI is required"* ]] || fail "missing vni: $OUT"
	fails nlraw link-add sw0 '[["VNI","u32",0]]'
	[[ $OUT == *"ERANGE: integer out of range"* ]] || fail "vni 0: $OUT"
	fails nlraw link-add sw0 '[["VNI","u32",16777216]]'
	[[ $OUT == *"ERANGE: integer out of range"* ]] || fail "vni 2^24: $OUT"
	fails nlraw link-add sw0 '[["VNI","u16",5]]'
	[[ $OUT == *EINVAL* ]] || fail "short vni: $OUT"
	fails nlraw link-add sw0 '[["VNI","u32",5],[99,"u32",1]]'
	[[ $OUT == *"Unknown lsw link attribute"* ]] || fail "unknown attr: $OUT"
	fails nlraw link-add sw0 '[["VNI","u32",5],["LOCAL","ip4","224.0.0.1"]]'
	[[ $OUT == *"must be unicast"* ]] || fail "multicast local: $OUT"
	fails nlraw link-add sw0 '[["VNI","u32",5],["LOCAL","ip4","10.0.0.1"],["LOCAL6","ip6","fd00::1"]]'
	fails nlraw link-add sw0 '[["VNI","u32",5],["PORT_RANGE","hex","00001000"]]'
	fails nlraw link-add sw0 '[["VNI","u32",5],["PORT_RANGE","hex","20001000"]]'
	fails nlraw link-add sw0 '[["VNI","u32",5],["LINK","u32",4242]]'
	[[ $OUT == *"nderlay"* ]] || fail "bad underlay: $OUT"
	fails nlraw link-add sw0 '[["VNI","u32",5],["DF","u8",3]]'
	fails nlraw link-add sw0 '[["VNI","u32",5],["LEARNING","u8",2]]'
	fails "$LSW" -n "$A" link add sw0 vni 0
	fails "$LSW" -n "$A" link add sw0 vni 5 bogus 1
	run ip -n "$A" -o link show
	[[ $OUT != *sw0* ]] || fail "a refused device exists"
}

test_vni_unique()
{
	local B

	setup
	ns_create B
	fails "$LSW" -n "$A" link add dup vni 5001
	[[ $OUT == *"already exists"* ]] || fail "duplicate vni: $OUT"
	[[ $OUT == *"VNI"* ]] || fail "message does not say VNI: $OUT"
	# Another port, another family, another netns: another switch.
	run "$LSW" -n "$A" link add alt1 vni 5001 dstport 4790
	run "$LSW" -n "$A" link add alt2 vni 5001 local fd00::5
	run "$LSW" -n "$B" link add lsw5001 vni 5001
}

test_vtep_table()
{
	setup
	run "$LSW" -n "$A" vtep add 192.168.250.52 dev lsw5001
	run "$LSW" -n "$A" vtep add 192.168.250.53 dev lsw5001
	run "$LSW" -n "$A" vtep add fd00::52 dev lsw6001
	lswj "$A" vtep show dev lsw5001
	[[ $(jq -c '[.[].vtep] | sort' <<< "$OUT") == '["192.168.250.52","192.168.250.53"]' ]] ||
		fail "vtep table: $OUT"
	[[ $(jq -r '.[0].vni' <<< "$OUT") == 5001 ]] || fail "vni column"
	lswj "$A" vtep show
	[[ $(jq length <<< "$OUT") == 3 ]] || fail "all devices: $OUT"
	run "$LSW" -n "$A" vtep get 192.168.250.53 dev lsw5001
	fails "$LSW" -n "$A" vtep get 192.168.250.99 dev lsw5001
	[[ $OUT == "Error: VTEP not in the table" ]] || fail "get missing: $OUT"
	fails "$LSW" -n "$A" vtep add 192.168.250.52 dev lsw5001
	[[ $OUT == *"Entry already exists"* ]] || fail "duplicate: $OUT"
	run "$LSW" -n "$A" vtep replace 192.168.250.52 dev lsw5001
	fails "$LSW" -n "$A" vtep add fd00::9 dev lsw5001
	[[ $OUT == *"IPv6 VTEP address on an IPv4 underlay"* ]] || fail "family: $OUT"
	fails "$LSW" -n "$A" vtep add 239.1.1.1 dev lsw5001
	[[ $OUT == *"must be unicast"* ]] || fail "multicast: $OUT"
	fails "$LSW" -n "$A" vtep add 192.168.250.54 dev veth0
	[[ $OUT == *"Not an lsw device"* ]] || fail "not lsw: $OUT"
	run "$LSW" -n "$A" vtep del 192.168.250.52 dev lsw5001
	fails "$LSW" -n "$A" vtep del 192.168.250.52 dev lsw5001
	[[ $OUT == *"VTEP not in the table"* ]] || fail "del missing: $OUT"
	lswj "$A" vtep show dev lsw5001
	[[ $(jq -c '[.[].vtep]' <<< "$OUT") == '["192.168.250.53"]' ]] || fail "after del: $OUT"

	# Segment and flags (two-tier replication): shown, replaced whole.
	[[ $(jq -c '.[0] | [.segment, .lsw, .proxy]' <<< "$OUT") == '[0,false,false]' ]] ||
		fail "vtep defaults: $OUT"
	run "$LSW" -n "$A" vtep add 192.168.250.54 dev lsw5001 segment 7 lsw proxy
	lswj "$A" vtep get 192.168.250.54 dev lsw5001
	[[ $(jq -c '.[0] | [.segment, .lsw, .proxy]' <<< "$OUT") == '[7,true,true]' ]] ||
		fail "vtep segment and flags: $OUT"
	run "$LSW" -n "$A" vtep get 192.168.250.54 dev lsw5001
	# Alone in segment 7, and not in the switch's own (0): its proxy.
	[[ $OUT == *"SEGMENT    LSW  PROXY ACTING"* && $OUT =~ 192\.168\.250\.54\ +7\ +yes\ +yes\ +yes ]] ||
		fail "vtep get text: $OUT"
	run "$LSW" -n "$A" vtep replace 192.168.250.54 dev lsw5001 segment 8 lsw
	lswj "$A" vtep get 192.168.250.54 dev lsw5001
	[[ $(jq -c '.[0] | [.segment, .lsw, .proxy]' <<< "$OUT") == '[8,true,false]' ]] ||
		fail "vtep replaced: $OUT"
	fails "$LSW" -n "$A" vtep add 192.168.250.55 dev lsw5001 proxy
	[[ $OUT == *"A proxy VTEP must be flagged lsw"* ]] || fail "proxy without lsw: $OUT"
	fails nlraw genl VTEP_NEW "[[\"IFINDEX\",\"u32\",$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)],[\"VTEP\",\"nest\",[[\"IP\",\"ip4\",\"192.168.250.55\"],[\"FLAGS\",\"u32\",4]]]]"
	[[ $OUT == *"EINVAL: The acting proxy is the switch's choice, not a request's"* ]] ||
		fail "acting in a request: $OUT"
	fails nlraw genl VTEP_NEW "[[\"IFINDEX\",\"u32\",$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)],[\"VTEP\",\"nest\",[[\"IP\",\"ip4\",\"192.168.250.55\"],[\"FLAGS\",\"u32\",8]]]]"
	[[ $OUT == *"EINVAL"* ]] || fail "unknown vtep flag: $OUT"
	run "$LSW" -n "$A" vtep del 192.168.250.54 dev lsw5001
	run "$LSW" -n "$A" vtep flush dev lsw5001
	lswj "$A" vtep show
	[[ $(jq -c '[.[].vtep]' <<< "$OUT") == '["fd00::52"]' ]] || fail "after flush: $OUT"
}

test_mac_table()
{
	setup
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0b dev lsw5001 vtep 192.168.250.52
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0c dev lsw5001 vtep 192.168.250.53 vtep-mac 02:00:00:00:00:53
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0a dev lsw5001 port veth0
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0d dev lsw5001 port lsw5001
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq length <<< "$OUT") == 4 ]] || fail "4 entries expected"
	[[ $(count '.mac == "00:50:56:00:00:0b" and .vtep == "192.168.250.52" and .flags == ["static"]') == 1 ]] ||
		fail "remote entry: $OUT"
	[[ $(count '.mac == "00:50:56:00:00:0c" and .vtep_mac == "02:00:00:00:00:53"') == 1 ]] ||
		fail "vtep-mac entry: $OUT"
	[[ $(count '.mac == "00:50:56:00:00:0a" and .port == "veth0"') == 1 ]] ||
		fail "port entry: $OUT"
	[[ $(count '.mac == "00:50:56:00:00:0d" and .port == "lsw5001"') == 1 ]] ||
		fail "host port entry: $OUT"
	run "$LSW" -n "$A" mac get 00:50:56:00:00:0b dev lsw5001
	[[ $OUT == *192.168.250.52* ]] || fail "get: $OUT"
	fails "$LSW" -n "$A" mac add 01:00:5e:00:00:01 dev lsw5001 vtep 192.168.250.52
	[[ $OUT == *"must be unicast"* ]] || fail "multicast mac: $OUT"
	fails "$LSW" -n "$A" mac add 00:50:56:00:00:0e dev lsw5001 port veth1
	[[ $OUT == *"Not a port of this switch"* ]] || fail "non-port: $OUT"
	fails nlraw genl MAC_NEW "[[\"IFINDEX\",\"u32\",$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)],[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:0f\"]]]]"
	[[ $OUT == *"Missing VTEP address"* ]] || fail "no destination: $OUT"
	fails "$LSW" -n "$A" mac add 00:50:56:00:00:0f dev lsw6001 vtep 10.1.1.1
	[[ $OUT == *"IPv4 VTEP address on an IPv6 underlay"* ]] || fail "family: $OUT"
	run "$LSW" -n "$A" mac del 00:50:56:00:00:0b dev lsw5001
	fails "$LSW" -n "$A" mac get 00:50:56:00:00:0b dev lsw5001
	[[ $OUT == *"MAC address not in the table"* ]] || fail "deleted get: $OUT"
	fails "$LSW" -n "$A" mac del 00:50:56:00:00:0b dev lsw5001
	lswj "$A" mac show dev lsw6001
	not_host
	[[ $(jq length <<< "$OUT") == 0 ]] || fail "lsw6001 not empty"
}

test_arp_table()
{
	setup
	run "$LSW" -n "$A" arp add 172.16.10.11 dev lsw5001 mac 00:50:56:00:00:0a
	run "$LSW" -n "$A" arp add 2001:db8::11 dev lsw5001 mac 00:50:56:00:00:0a
	lswj "$A" arp show dev lsw5001
	[[ $(count '.ip == "172.16.10.11" and .mac == "00:50:56:00:00:0a" and .flags == ["static"]') == 1 ]] ||
		fail "ipv4 entry: $OUT"
	[[ $(count '.ip == "2001:db8::11"') == 1 ]] || fail "ipv6 entry: $OUT"
	run "$LSW" -n "$A" arp get 2001:db8::11 dev lsw5001
	fails "$LSW" -n "$A" arp add 172.16.10.12 dev lsw5001 mac ff:ff:ff:ff:ff:ff
	[[ $OUT == *"must be unicast"* ]] || fail "broadcast mac: $OUT"
	fails "$LSW" -n "$A" arp add 224.0.0.5 dev lsw5001 mac 00:50:56:00:00:0a
	[[ $OUT == *"must be unicast"* ]] || fail "multicast ip: $OUT"
	run "$LSW" -n "$A" arp del 172.16.10.11 dev lsw5001
	fails "$LSW" -n "$A" arp del 172.16.10.11 dev lsw5001
	[[ $OUT == *"IP address not in the ARP/ND table"* ]] || fail "del missing: $OUT"
	lswj "$A" arp show
	[[ $(jq -c '[.[].ip]' <<< "$OUT") == '["2001:db8::11"]' ]] || fail "after del: $OUT"
}

# NEW creates and refuses an entry that exists; SET creates or replaces.
# The NLM_F_* flags that said so before, and a non-zero reserved header
# field, are refused by the genetlink core on every command (the family's
# resv_start_op is 0), before anything changes.
test_nlm_flags()
{
	local idx want cmd f

	setup
	nl_serve "$A"
	idx=$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)
	# mac ADDR VTEP: a request with one MAC entry.
	mac() {
		echo "[[\"IFINDEX\",\"u32\",$idx],[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"$1\"],[\"VTEP_IP\",\"ip4\",\"$2\"]]]]"
	}
	run nlraw genl MAC_NEW "$(mac 00:50:56:00:00:01 10.9.9.1)"
	# The same again, identical or not: NEW refuses it.
	fails nlraw genl MAC_NEW "$(mac 00:50:56:00:00:01 10.9.9.1)"
	[[ $OUT == "error: EEXIST: lsw: Entry already exists"* ]] || fail "new, identical: $OUT"
	fails nlraw genl MAC_NEW "$(mac 00:50:56:00:00:01 10.9.9.2)"
	[[ $OUT == "error: EEXIST: lsw: Entry already exists"* ]] || fail "new, other: $OUT"
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq -c '[.[] | [.mac, .vtep]]' <<< "$OUT") == '[["00:50:56:00:00:01","10.9.9.1"]]' ]] ||
		fail "a refused NEW changed the entry: $OUT"
	# SET replaces it, leaves an identical one as it is, creates another.
	run nlraw genl MAC_SET "$(mac 00:50:56:00:00:01 10.9.9.2)"
	run nlraw genl MAC_SET "$(mac 00:50:56:00:00:01 10.9.9.2)"
	run nlraw genl MAC_SET "$(mac 00:50:56:00:00:02 10.9.9.3)"
	want='[["00:50:56:00:00:01","10.9.9.2"],["00:50:56:00:00:02","10.9.9.3"]]'
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq -c '[.[] | [.mac, .vtep]] | sort' <<< "$OUT") == "$want" ]] ||
		fail "SET did not replace or create: $OUT"

	# The old flags, alone or together, on the commands that took them
	# and on others: refused whole.
	for f in create excl replace append create,excl create,replace; do
		for cmd in MAC_NEW MAC_SET MAC_DEL; do
			fails nlraw genl "$cmd" --flags "$f" "$(mac 00:50:56:00:00:01 10.9.9.4)"
			[[ $OUT == "error: EINVAL: ambiguous or reserved bits set in nlmsg_flags" ]] ||
				fail "$cmd with $f: $OUT"
		done
		fails nlraw genl VTEP_NEW --flags "$f" "[[\"IFINDEX\",\"u32\",$idx],[\"VTEP\",\"nest\",[[\"IP\",\"ip4\",\"10.9.9.4\"]]]]"
		[[ $OUT == "error: EINVAL: ambiguous or reserved bits set in nlmsg_flags" ]] ||
			fail "VTEP_NEW with $f: $OUT"
	done
	# NLM_F_EXCL and NLM_F_REPLACE share their bits with NLM_F_DUMP.
	for f in create append; do
		fails nlraw genl MAC_GET --dump --flags "$f" "[[\"IFINDEX\",\"u32\",$idx]]"
		[[ $OUT == "error: EINVAL: ambiguous or reserved bits set in nlmsg_flags" ]] ||
			fail "MAC_GET dump with $f: $OUT"
	done
	fails nlraw genl MAC_SET --reserved 1 "$(mac 00:50:56:00:00:01 10.9.9.4)"
	[[ $OUT == "error: EINVAL: genlmsghdr.reserved field is not 0" ]] ||
		fail "reserved field: $OUT"
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq -c '[.[] | [.mac, .vtep]] | sort' <<< "$OUT") == "$want" ]] ||
		fail "a refused request changed the table: $OUT"
	lswj "$A" vtep show
	[[ $OUT == "[]" ]] || fail "a refused VTEP_NEW added an entry: $OUT"
}

# tables: every entry of netns A's tables, ages aside, and every port, as
# sorted JSON.
tables()
{
	local t

	for t in vtep mac arp; do
		"$LSW" -n "$A" -j "$t" show | jq -c '[.[] | del(.age_ms)] | sort'
	done
	"$LSW" -n "$A" -j port show | jq -c 'sort'
}

# stray MESSAGE ATTR CMD ARGS...: the request is refused whole, EINVAL,
# with MESSAGE, pointing at ATTR (named by lsw_nl.py).
stray()
{
	local msg=$1 attr=$2

	shift 2
	fails nlraw genl "$@"
	[[ $OUT =~ ^"error: EINVAL: $msg [offset "[0-9]+"] [attr $attr]"$ ]] ||
		fail "$1 $2: $OUT"
}

# stray_late MESSAGE ATTR CMD --dump ARGS...: as stray, for an attribute
# that only the do half of the command takes.  Before 6.5, the core
# checks a dump against a policy the two halves share and lsw holds the
# dump to its own in its start callback, which has no extack there:
# then only the errno tells.
stray_late()
{
	if [[ -n $LATE_EXTACK ]]; then
		stray "$@"
		return
	fi
	shift 2
	fails nlraw genl "$@"
	[[ $OUT == "error: EINVAL" ]] || fail "$1 $2: $OUT"
}

# Every operation, do and dump, refuses an attribute it does not take,
# at the top of the request or in an entry: the whole request, with the
# core's own message, pointing at that attribute, and nothing changes.
# (A MAC flush carrying a MAC entry once flushed the whole table.)
test_stray_attrs()
{
	local idx port dev before unknown unsupported perm cmd past
	local v52 v53 m0b m0b_key a11 a11_key flt pkey

	setup
	nl_serve "$A"
	run "$LSW" -n "$A" vtep add 192.168.250.52 dev lsw5001
	run "$LSW" -n "$A" vtep add fd00::52 dev lsw6001
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0b dev lsw5001 vtep 192.168.250.52
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0c dev lsw5001 port veth0 learned
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0d dev lsw6001 vtep fd00::52
	run "$LSW" -n "$A" arp add 172.16.10.11 dev lsw5001 mac 00:50:56:00:00:0b
	run "$LSW" -n "$A" arp add 2001:db8::12 dev lsw5001 mac 00:50:56:00:00:0c learned
	run "$LSW" -n "$A" arp add 172.16.10.13 dev lsw6001 mac 00:50:56:00:00:0d
	before=$(tables)
	idx=$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)
	port=$(ip netns exec "$A" cat /sys/class/net/veth0/ifindex)

	# Does a dump's start callback report an extack (6.5)?
	fails nlraw genl MAC_GET --dump "[[\"IFINDEX\",\"u32\",$port]]"
	LATE_EXTACK=
	[[ $OUT == *"Not an lsw device"* ]] && LATE_EXTACK=1
	log "dump start callbacks report an extack: ${LATE_EXTACK:-no}"

	dev="[\"IFINDEX\",\"u32\",$idx]"
	v52='["VTEP","nest",[["IP","ip4","192.168.250.52"]]]'
	v53='["VTEP","nest",[["IP","ip4","192.168.250.53"]]]'
	m0b='["MAC","nest",[["ADDR","mac","00:50:56:00:00:0b"],["VTEP_IP","ip4","192.168.250.53"]]]'
	m0b_key='["MAC","nest",[["ADDR","mac","00:50:56:00:00:0b"]]]'
	a11='["ARP","nest",[["IP","ip4","172.16.10.11"],["MAC","mac","00:50:56:00:00:0c"]]]'
	a11_key='["ARP","nest",[["IP","ip4","172.16.10.11"]]]'
	flt='["FILTER","nest",[["FLAGS","u32",1]]]'
	# Past the operation's last attribute, or a gap in its policy.
	unknown="Unknown attribute type"
	unsupported="Unsupported attribute"

	stray "$unknown" LSW_A_FILTER VTEP_NEW "[$dev,$v53,$flt]"
	stray "$unknown" LSW_A_MAC VTEP_SET "[$dev,$v53,$m0b_key]"
	stray "$unsupported" LSW_A_VNI VTEP_DEL "[$dev,$v52,[\"VNI\",\"u32\",5001]]"
	stray "$unsupported" LSW_A_IFNAME VTEP_GET "[$dev,$v52,[\"IFNAME\",\"str\",\"lsw5001\"]]"
	stray "$unknown" LSW_A_FILTER VTEP_GET --dump "[$dev,$flt]"
	stray_late "$unknown" LSW_A_VTEP VTEP_GET --dump "[$dev,$v52]"
	stray "$unknown" LSW_A_VTEP VTEP_FLUSH "[$dev,$v52]"

	stray "$unknown" LSW_A_ARP MAC_NEW "[$dev,$m0b,$a11_key]"
	# AGE, read-only, is a gap in the MAC input policy, which ends at KEY.
	stray "$unsupported" LSW_A_MAC.LSW_MAC_A_AGE MAC_NEW \
		"[$dev,[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:0e\"],[\"VTEP_IP\",\"ip4\",\"192.168.250.52\"],[\"AGE\",\"u32\",5]]]]"
	stray "$unsupported" LSW_A_VTEP MAC_SET "[$dev,$m0b,$v52]"
	stray "$unsupported" LSW_A_MAC.LSW_MAC_A_AGE MAC_SET \
		"[$dev,[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:0b\"],[\"VTEP_IP\",\"ip4\",\"192.168.250.53\"],[\"AGE\",\"u32\",5]]]]"
	stray "$unknown" LSW_A_FILTER MAC_DEL "[$dev,$m0b_key,$flt]"
	stray "$unknown" LSW_A_MAC.LSW_MAC_A_VTEP_IP MAC_DEL "[$dev,$m0b]"
	stray "$unknown" LSW_A_FILTER MAC_GET "[$dev,$m0b_key,$flt]"
	stray "$unknown" LSW_A_MAC.LSW_MAC_A_PORT MAC_GET \
		"[$dev,[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:0c\"],[\"PORT\",\"u32\",$port]]]]"
	stray "$unsupported" LSW_A_ARP MAC_GET --dump "[$dev,$a11_key]"
	stray_late "$unsupported" LSW_A_MAC MAC_GET --dump "[$dev,$m0b_key]"
	stray "$unsupported" LSW_A_MAC MAC_FLUSH "[$dev,$m0b_key]"
	stray "$unsupported" LSW_A_MAC MAC_FLUSH "[$m0b_key]"

	stray "$unsupported" LSW_A_MAC ARP_NEW \
		"[$dev,[\"ARP\",\"nest\",[[\"IP\",\"ip4\",\"172.16.10.14\"],[\"MAC\",\"mac\",\"00:50:56:00:00:0b\"]]],$m0b_key]"
	stray "$unknown" LSW_A_ARP.LSW_ARP_A_AGE ARP_NEW \
		"[$dev,[\"ARP\",\"nest\",[[\"IP\",\"ip4\",\"172.16.10.14\"],[\"MAC\",\"mac\",\"00:50:56:00:00:0b\"],[\"AGE\",\"u32\",5]]]]"
	stray "$unknown" LSW_A_FILTER ARP_SET "[$dev,$a11,$flt]"
	stray "$unknown" LSW_A_ARP.LSW_ARP_A_AGE ARP_SET \
		"[$dev,[\"ARP\",\"nest\",[[\"IP\",\"ip4\",\"172.16.10.11\"],[\"MAC\",\"mac\",\"00:50:56:00:00:0c\"],[\"AGE\",\"u32\",5]]]]"
	stray "$unsupported" LSW_A_VNI ARP_DEL "[$dev,$a11_key,[\"VNI\",\"u32\",5001]]"
	stray "$unknown" LSW_A_ARP.LSW_ARP_A_MAC ARP_DEL "[$dev,$a11]"
	stray "$unknown" LSW_A_FILTER ARP_GET "[$dev,$a11_key,$flt]"
	stray "$unknown" LSW_A_ARP.LSW_ARP_A_FLAGS ARP_GET \
		"[$dev,[\"ARP\",\"nest\",[[\"IP\",\"ip4\",\"172.16.10.11\"],[\"FLAGS\",\"u32\",1]]]]"
	stray "$unsupported" LSW_A_VTEP ARP_GET --dump "[$dev,$v52]"
	stray "$unknown" LSW_A_FILTER.LSW_FILTER_A_VTEP_IP ARP_GET --dump \
		"[$dev,[\"FILTER\",\"nest\",[[\"VTEP_IP\",\"ip4\",\"192.168.250.52\"]]]]"
	stray_late "$unsupported" LSW_A_ARP ARP_GET --dump "[$dev,$a11_key]"
	stray "$unsupported" LSW_A_ARP ARP_FLUSH "[$dev,$a11_key]"
	stray "$unknown" LSW_A_FILTER.LSW_FILTER_A_PORT ARP_FLUSH \
		"[$dev,[\"FILTER\",\"nest\",[[\"PORT\",\"u32\",$port]]]]"

	stray "$unknown" LSW_A_VNI STATS_GET "[$dev,[\"VNI\",\"u32\",5001]]"
	stray "$unknown" LSW_A_VNI STATS_GET --dump "[[\"VNI\",\"u32\",5001]]"
	# A half without a policy refuses every attribute.
	stray_late "Attribute failed policy validation" LSW_A_IFINDEX STATS_GET --dump "[$dev]"
	stray "Attribute failed policy validation" LSW_A_IFINDEX INFO_GET "[$dev]"
	stray "$unknown" LSW_A_VNI INFO_GET "[[\"VNI\",\"u32\",5001]]"

	# A VTEP's segment and flags are no part of its name.
	stray "$unknown" LSW_A_VTEP.LSW_VTEP_A_SEGMENT VTEP_DEL \
		"[$dev,[\"VTEP\",\"nest\",[[\"IP\",\"ip4\",\"192.168.250.52\"],[\"SEGMENT\",\"u32\",1]]]]"
	stray "$unknown" LSW_A_VTEP.LSW_VTEP_A_FLAGS VTEP_GET \
		"[$dev,[\"VTEP\",\"nest\",[[\"IP\",\"ip4\",\"192.168.250.52\"],[\"FLAGS\",\"u32\",1]]]]"

	# A remote entry's key is no part of its name.
	stray "$unknown" LSW_A_MAC.LSW_MAC_A_KEY MAC_DEL \
		"[$dev,[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:0b\"],[\"KEY\",\"u32\",5]]]]"
	stray "$unknown" LSW_A_MAC.LSW_MAC_A_KEY MAC_GET \
		"[$dev,[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:0b\"],[\"KEY\",\"u32\",5]]]]"

	# The ports: PORT_GET names a port by its ifindex alone, its dump
	# takes the switch alone; PORT_SET no reply's attribute.  Past the
	# family's last attribute, for the dump: before 6.2 its policy is
	# the do half's too, where any other attribute is a gap.
	past=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import lsw_nl
print(lsw_nl.uapi_enums(sys.argv[2])["__LSW_A_MAX"])' "$LSW_TOP/selftests" "$LSW_TOP/uapi/linux/lsw.h")
	pkey="[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port]]]"
	stray "$unsupported" LSW_A_VNI PORT_GET "[$dev,$pkey,[\"VNI\",\"u32\",5001]]"
	stray "$unknown" LSW_A_PORT.LSW_PORT_A_KEY PORT_GET \
		"[$dev,[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port],[\"KEY\",\"u32\",1]]]]"
	stray "$unknown" LSW_A_PORT.LSW_PORT_A_IFNAME PORT_GET \
		"[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port],[\"IFNAME\",\"str\",\"veth0\"]]]]"
	stray "$unknown" "$past" PORT_GET --dump "[$dev,[$past,\"u32\",1]]"
	stray_late "$unknown" LSW_A_PORT PORT_GET --dump "[$dev,$pkey]"
	stray "$unsupported" LSW_A_VNI PORT_SET \
		"[$dev,[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port],[\"KEY\",\"u32\",1]]],[\"VNI\",\"u32\",5001]]"
	stray "$unsupported" LSW_A_PORT.LSW_PORT_A_IFNAME PORT_SET \
		"[$dev,[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port],[\"IFNAME\",\"str\",\"veth0\"],[\"KEY\",\"u32\",1]]]]"
	stray "$unsupported" LSW_A_MAC PORT_SET \
		"[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port],[\"KEY\",\"u32\",1]]],$m0b_key]"
	# Port security: a PORT_GET names a port, it does not set one; in a
	# PORT_SET, past the last attribute of its nest and of an address.
	stray "$unknown" LSW_A_PORT.LSW_PORT_A_SECURITY PORT_GET \
		"[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port],[\"SECURITY\",\"nest\",[]]]]]"
	stray "$unknown" LSW_A_PORT.LSW_PORT_A_SECURITY.3 PORT_SET \
		"[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port],[\"SECURITY\",\"nest\",[[\"ADDR\",\"nest\",[[\"MAC\",\"mac\",\"00:50:56:00:00:0c\"]]],[3,\"u32\",1]]]]]]"
	stray "$unknown" LSW_A_PORT.LSW_PORT_A_SECURITY.LSW_PSEC_A_ADDR.6 PORT_SET \
		"[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port],[\"SECURITY\",\"nest\",[[\"ADDR\",\"nest\",[[\"MAC\",\"mac\",\"00:50:56:00:00:0c\"],[6,\"u32\",1]]]]]]]]"

	# The permanent flag is the switch's own (its address): the policy
	# admits every flag, which replies use; the request is refused.
	perm="Permanent entries are the switch's own: they follow the lsw device's address"
	for cmd in MAC_NEW MAC_SET; do
		stray "$perm" LSW_A_MAC.LSW_MAC_A_FLAGS "$cmd" \
			"[$dev,[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:0e\"],[\"VTEP_IP\",\"ip4\",\"192.168.250.52\"],[\"FLAGS\",\"u32\",4]]]]"
	done
	for cmd in ARP_NEW ARP_SET; do
		stray "$perm" LSW_A_ARP.LSW_ARP_A_FLAGS "$cmd" \
			"[$dev,[\"ARP\",\"nest\",[[\"IP\",\"ip4\",\"172.16.10.14\"],[\"MAC\",\"mac\",\"00:50:56:00:00:0b\"],[\"FLAGS\",\"u32\",4]]]]"
	done

	[[ $(tables) == "$before" ]] ||
		fail "a refused request changed the tables: $(tables) (was $before)"
}

# The miss nest is what the switch sends, never what it takes: every
# operation, do and dump, refuses it at the top of a request, with the
# core's message, pointing at it, and nothing changes; and the family
# has no MISS_NTF request (the "miss" group's event).
test_stray_miss()
{
	local idx dev miss cmd before

	setup
	run "$LSW" -n "$A" vtep add 192.168.250.52 dev lsw5001
	run "$LSW" -n "$A" arp add 172.16.10.11 dev lsw5001 mac 00:50:56:00:00:0b
	before=$(tables)
	idx=$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)
	dev="[\"IFINDEX\",\"u32\",$idx]"
	miss='["MISS","nest",[["IP","ip4","172.16.10.12"],["PORT","u32",1]]]'

	for cmd in VTEP_NEW VTEP_SET VTEP_DEL VTEP_GET VTEP_FLUSH \
		   MAC_NEW MAC_SET MAC_DEL MAC_GET MAC_FLUSH \
		   ARP_NEW ARP_SET ARP_DEL ARP_GET ARP_FLUSH STATS_GET \
		   PORT_GET PORT_SET; do
		stray "Unknown attribute type" LSW_A_MISS "$cmd" "[$dev,$miss]"
	done
	for cmd in VTEP_GET MAC_GET ARP_GET STATS_GET PORT_GET; do
		stray "Unknown attribute type" LSW_A_MISS "$cmd" --dump "[$miss]"
	done
	stray "Unknown attribute type" LSW_A_MISS INFO_GET "[$miss]"

	fails nlraw genl MISS_NTF "[$dev,$miss]"
	[[ $OUT == "error: EOPNOTSUPP"* || $OUT == "error: ENOTSUP"* ]] ||
		fail "MISS_NTF as a request: $OUT"

	[[ $(tables) == "$before" ]] ||
		fail "a refused request changed the tables: $(tables) (was $before)"
}

test_limits()
{
	local i

	setup
	run "$LSW" -n "$A" link set lsw5001 mac-limit 10 arp-limit 5
	for i in $(seq 10 19); do
		echo "mac add 00:50:56:00:00:$i dev lsw5001 vtep 192.168.250.52"
	done > "$TMPDIR_T/macs"
	run "$LSW" -n "$A" -batch "$TMPDIR_T/macs"
	fails "$LSW" -n "$A" mac add 00:50:56:00:00:20 dev lsw5001 vtep 192.168.250.52
	[[ $OUT == "Error: lsw: MAC table is full (mac_limit)" ]] || fail "mac limit: $OUT"
	# Replacing an entry of a full table is no growth.
	run "$LSW" -n "$A" mac replace 00:50:56:00:00:10 dev lsw5001 vtep 192.168.250.53
	run "$LSW" -n "$A" link set lsw5001 mac-limit 11
	run "$LSW" -n "$A" mac add 00:50:56:00:00:20 dev lsw5001 vtep 192.168.250.52
	for i in 1 2 3 4 5; do
		run "$LSW" -n "$A" arp add 172.16.10.$i dev lsw5001 mac 00:50:56:00:00:01
	done
	fails "$LSW" -n "$A" arp add 172.16.10.6 dev lsw5001 mac 00:50:56:00:00:01
	[[ $OUT == *"ARP/ND table is full (arp_limit)"* ]] || fail "arp limit: $OUT"
	# 0 is "unlimited", when asked for.
	run "$LSW" -n "$A" link set lsw5001 arp-limit 0
	run "$LSW" -n "$A" arp add 172.16.10.6 dev lsw5001 mac 00:50:56:00:00:01
	lswj "$A" arp show dev lsw5001
	[[ $(jq length <<< "$OUT") == 6 ]] || fail "arp entries: $OUT"
}

test_learned_ageing()
{
	setup
	run "$LSW" -n "$A" link set lsw5001 ageing 2
	run "$LSW" -n "$A" mac add 00:50:56:00:00:01 dev lsw5001 vtep 192.168.250.52 learned
	run "$LSW" -n "$A" mac add 00:50:56:00:00:02 dev lsw5001 vtep 192.168.250.52
	run "$LSW" -n "$A" arp add 172.16.10.1 dev lsw5001 mac 00:50:56:00:00:01 learned
	lswj "$A" mac show dev lsw5001 learned
	[[ $(jq -c '[.[].mac]' <<< "$OUT") == '["00:50:56:00:00:01"]' ]] || fail "learned filter: $OUT"
	# The learned entries go after 2 s (plus one ageing pass); static
	# ones stay.
	wait_for bash -c "[[ \$('$LSW' -n '$A' -j mac show dev lsw5001 learned | jq length) == 0 ]]" ||
		fail "learned MAC did not age"
	wait_for bash -c "[[ \$('$LSW' -n '$A' -j arp show dev lsw5001 | jq length) == 0 ]]" ||
		fail "learned ARP entry did not age"
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq -c '[.[].mac]' <<< "$OUT") == '["00:50:56:00:00:02"]' ]] || fail "static aged"
	lswj "$A" stats show dev lsw5001
	[[ $(jq -r '.[0].stats.mac_aged' <<< "$OUT") == 1 ]] || fail "mac_aged: $OUT"
	[[ $(jq -r '.[0].stats.arp_aged' <<< "$OUT") == 1 ]] || fail "arp_aged: $OUT"
	# Ageing 0: never.  A control on lsw6001, ageing 2, learned at the
	# same time: once it has aged, lsw5001's entry is older than an
	# ageing time, and still there.
	run "$LSW" -n "$A" link set lsw5001 ageing 0
	run "$LSW" -n "$A" link set lsw6001 ageing 2
	run "$LSW" -n "$A" mac add 00:50:56:00:00:03 dev lsw5001 vtep 192.168.250.52 learned
	run "$LSW" -n "$A" mac add 00:50:56:00:00:07 dev lsw6001 vtep fd00::52 learned
	wait_for bash -c "[[ \$('$LSW' -n '$A' -j mac show dev lsw6001 learned | jq length) == 0 ]]" ||
		fail "the control on lsw6001 did not age"
	lswj "$A" mac get 00:50:56:00:00:03 dev lsw5001
	(($(jq '.[0].age_ms' <<< "$OUT") >= 2000)) ||
		fail "the entry is younger than the control's ageing time: $OUT"
}

test_flush_filters()
{
	setup
	run "$LSW" -n "$A" mac add 00:50:56:00:00:01 dev lsw5001 vtep 192.168.250.52
	run "$LSW" -n "$A" mac add 00:50:56:00:00:02 dev lsw5001 vtep 192.168.250.53
	run "$LSW" -n "$A" mac add 00:50:56:00:00:03 dev lsw5001 vtep 192.168.250.53 learned
	run "$LSW" -n "$A" mac add 00:50:56:00:00:04 dev lsw5001 port veth0
	run "$LSW" -n "$A" mac add 00:50:56:00:00:05 dev lsw5001 port veth0 learned
	run "$LSW" -n "$A" mac add 00:50:56:00:00:06 dev lsw6001 vtep fd00::52
	lswj "$A" mac show dev lsw5001 vtep 192.168.250.53
	[[ $(jq -c '[.[].mac] | sort' <<< "$OUT") == '["00:50:56:00:00:02","00:50:56:00:00:03"]' ]] ||
		fail "show by vtep: $OUT"
	lswj "$A" mac show port veth0
	[[ $(jq length <<< "$OUT") == 2 ]] || fail "show by port: $OUT"
	run "$LSW" -n "$A" mac flush dev lsw5001 learned
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq -c '[.[].mac] | sort' <<< "$OUT") == '["00:50:56:00:00:01","00:50:56:00:00:02","00:50:56:00:00:04"]' ]] ||
		fail "flush learned: $OUT"
	run "$LSW" -n "$A" mac flush dev lsw5001 vtep 192.168.250.53
	run "$LSW" -n "$A" mac flush dev lsw5001 port veth0
	lswj "$A" mac show
	not_host
	[[ $(jq -c '[.[].mac] | sort' <<< "$OUT") == '["00:50:56:00:00:01","00:50:56:00:00:06"]' ]] ||
		fail "flush vtep/port: $OUT"
	# No device: every switch of the netns; the switches' own entries
	# stay.
	run "$LSW" -n "$A" mac flush
	lswj "$A" mac show
	[[ $(jq -c '[.[] | [.ifname, .port, .flags]] | sort' <<< "$OUT") == \
	   '[["lsw5001","lsw5001",["permanent"]],["lsw6001","lsw6001",["permanent"]]]' ]] ||
		fail "flush all: $OUT"
}

test_port_entries()
{
	setup
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0a dev lsw5001 port veth0
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0b dev lsw5001 port veth0 learned
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0c dev lsw5001 vtep 192.168.250.52
	# A port leaves: its entries go with it, static or not.
	run ip -n "$A" link set veth0 nomaster
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq -c '[.[].mac]' <<< "$OUT") == '["00:50:56:00:00:0c"]' ]] ||
		fail "port entries left behind: $OUT"
	run "$LSW" -n "$A" link set lsw5001 port add veth0
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0a dev lsw5001 port veth0
	run ip -n "$A" link del veth0
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq length <<< "$OUT") == 1 ]] || fail "deleted port's entries: $OUT"
}

# What may not be a port, and the error that says why.
test_port_errors()
{
	setup
	run ip -n "$A" link add ul0 type dummy
	run "$LSW" -n "$A" link add lsw7001 vni 7001 local 10.0.0.1 dev ul0
	run ip -n "$A" link add gre1 type gre remote 10.0.0.9 local 10.0.0.1
	run ip -n "$A" link add veth2 type veth peer name veth3
	run ip -n "$A" link add mv0 link veth2 type macvlan

	fails ip -n "$A" link set lsw6001 master lsw5001
	[[ $OUT == *"An lsw device cannot be a port of a switch"* ]] || fail "lsw in lsw: $OUT"
	fails ip -n "$A" link set gre1 master lsw5001
	[[ $OUT == *"Only Ethernet devices can be ports of a switch"* ]] || fail "gre: $OUT"
	fails ip -n "$A" link set lo master lsw5001
	[[ $OUT == *"Only Ethernet devices can be ports of a switch"* ]] || fail "lo: $OUT"
	fails ip -n "$A" link set ul0 master lsw7001
	[[ $OUT == *"The underlay device cannot be a port of the switch"* ]] || fail "underlay: $OUT"
	fails ip -n "$A" link set veth2 master lsw5001
	[[ $OUT == *"Device already has an rx handler"* ]] || fail "macvlan lower: $OUT"

	# Port security: what the policy and the handler refuse, and a
	# refused request leaves the port as it was (none).
	local port sec
	port=$(ip netns exec "$A" cat /sys/class/net/veth0/ifindex)
	sec() { echo "[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$port],[\"SECURITY\",\"nest\",[$1]]]]]"; }
	fails nlraw genl PORT_SET "$(sec '["ADDR","nest",[["MAC","mac","00:50:56:00:00:0c"],["IP","ip4","10.0.0.0"],["IP_PLEN","u8",33]]]')"
	[[ $OUT == *"ERANGE"*"[attr LSW_A_PORT.LSW_PORT_A_SECURITY.LSW_PSEC_A_ADDR.LSW_PSEC_ADDR_A_IP_PLEN]" ]] ||
		fail "plen 33: $OUT"
	fails nlraw genl PORT_SET "$(sec '["ADDR","nest",[["MAC","mac","00:50:56:00:00:0c"],["IP6","ip6","fd00::"],["IP6_PLEN","u8",129]]]')"
	[[ $OUT == *"ERANGE"*"[attr LSW_A_PORT.LSW_PORT_A_SECURITY.LSW_PSEC_A_ADDR.LSW_PSEC_ADDR_A_IP6_PLEN]" ]] ||
		fail "plen6 129: $OUT"
	fails nlraw genl PORT_SET "$(sec '["ADDR","nest",[["IP","ip4","10.0.0.1"]]]')"
	[[ $OUT == "error: EINVAL: lsw: Missing MAC address of an allowed address"* ]] || fail "no MAC: $OUT"
	fails nlraw genl PORT_SET "$(sec '["ADDR","nest",[["MAC","mac","00:50:56:00:00:0c"],["IP_PLEN","u8",24]]]')"
	[[ $OUT == "error: EINVAL: IPv4 prefix length without an address"*"LSW_PSEC_ADDR_A_IP_PLEN]" ]] ||
		fail "plen alone: $OUT"
	fails nlraw genl PORT_SET "$(sec '["ADDR","nest",[["MAC","mac","00:50:56:00:00:0c"]]],["FLAGS","u32",4]')"
	[[ $OUT == *"EINVAL"*"[attr LSW_A_PORT.LSW_PORT_A_SECURITY.LSW_PSEC_A_FLAGS]" ]] ||
		fail "flag 4: $OUT"
	lswj "$A" port show dev lsw5001
	[[ $(jq '[.[] | select(.security)] | length' <<< "$OUT") == 0 ]] ||
		fail "a refused request set port security: $OUT"

	# One switch at a time: "lsw ... port add" refuses a port of
	# another switch, while "ip link set DEV master" moves it (as for
	# bridges), taking its MAC entries off the switch it leaves.
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0a dev lsw5001 port veth0
	fails "$LSW" -n "$A" link set lsw6001 port add veth0
	[[ $OUT == *"veth0 is already a port of lsw5001"* ]] || fail "port add: $OUT"
	run ip -n "$A" -j link show master lsw6001
	[[ $(jq length <<< "$OUT") == 0 ]] || fail "lsw6001's ports: $OUT"
	run ip -n "$A" link set veth0 master lsw6001
	run ip -n "$A" -j link show master lsw6001
	[[ $(jq -c '[.[].ifname]' <<< "$OUT") == '["veth0"]' ]] || fail "moved port: $OUT"
	run ip -n "$A" -j link show master lsw5001
	[[ $(jq length <<< "$OUT") == 0 ]] || fail "lsw5001 kept the port: $OUT"
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq length <<< "$OUT") == 0 ]] || fail "the moved port's entries stayed: $OUT"
	# The failed attempts changed nothing.
	run ip -n "$A" -j link show master lsw5001
	[[ $(jq length <<< "$OUT") == 0 ]] || fail "lsw5001's ports: $OUT"
}

# metadata ovn: Geneve only, fixed, 8 bytes of MTU.
test_link_metadata()
{
	setup
	fails "$LSW" -n "$A" link add ovn1 vni 7001 metadata ovn
	[[ $OUT == "Error: OVN metadata needs Geneve encapsulation" ]] || fail "vxlan: $OUT"
	fails "$LSW" -n "$A" link add ovn1 vni 7001 encap vxlan metadata ovn
	[[ $OUT == "Error: OVN metadata needs Geneve encapsulation" ]] || fail "vxlan: $OUT"
	fails "$LSW" -n "$A" link add ovn1 vni 7001 encap geneve metadata stt
	[[ $OUT == 'lsw: invalid metadata "stt": expected none|ovn' ]] || fail "word: $OUT"
	fails nlraw link-add ovn1 '[["VNI","u32",7001],["ENCAP","u8",2],["METADATA","u8",2]]'
	[[ $OUT == *"ERANGE"* ]] || fail "metadata 2: $OUT"
	run "$LSW" -n "$A" link add ovn1 vni 7001 encap geneve metadata ovn
	run "$LSW" -n "$A" link add ovn2 vni 7002 encap geneve metadata ovn local fd00::2
	run "$LSW" -n "$A" link add gnv1 vni 7003 encap geneve
	lswj "$A" link show
	[[ $(jq -c '[.[] | [.ifname, .encap, .metadata, .mtu]] | sort' <<< "$OUT") == \
	   '[["gnv1","geneve","none",1450],["lsw5001","vxlan","none",1450],["lsw6001","vxlan","none",1430],["ovn1","geneve","ovn",1442],["ovn2","geneve","ovn",1422]]' ]] ||
		fail "metadata and MTU: $OUT"
	run "$LSW" -n "$A" link show ovn1
	[[ $OUT == *" encap geneve metadata ovn "* ]] || fail "text: $OUT"
	# The largest MTU is 8 bytes smaller too.
	fails "$LSW" -n "$A" link add ovn3 vni 7004 encap geneve metadata ovn mtu 65478
	[[ $OUT == "Error: MTU too large for the underlay once encapsulated" ]] || fail "mtu: $OUT"
	run "$LSW" -n "$A" link add ovn3 vni 7004 encap geneve metadata ovn mtu 65477
	fails nlraw link-set ovn1 '[["METADATA","u8",0]]'
	[[ $OUT == *"Metadata cannot be changed"* ]] || fail "changed: $OUT"
	run nlraw link-set ovn1 '[["METADATA","u8",1]]'
	fails "$LSW" -n "$A" link set ovn1 metadata none
	[[ $OUT == *'"metadata" cannot be changed'* ]] || fail "lsw link set: $OUT"
}

# A remote entry's key: set, shown, replaced; refused on a local entry.
test_mac_key()
{
	local idx

	setup
	idx=$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0b dev lsw5001 vtep 192.168.250.52 key 32767
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0c dev lsw5001 vtep 192.168.250.52
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq -c '[.[] | [.mac, .key]] | sort' <<< "$OUT") == \
	   '[["00:50:56:00:00:0b",32767],["00:50:56:00:00:0c",null]]' ]] || fail "keys: $OUT"
	run "$LSW" -n "$A" mac get 00:50:56:00:00:0b dev lsw5001
	[[ $OUT == *" 32767 "* ]] || fail "no KEY column: $OUT"
	# The key is part of the entry: replace changes it, add refuses.
	fails "$LSW" -n "$A" mac add 00:50:56:00:00:0b dev lsw5001 vtep 192.168.250.52 key 5
	[[ $OUT == *"Entry already exists"* ]] || fail "add over: $OUT"
	run "$LSW" -n "$A" mac replace 00:50:56:00:00:0b dev lsw5001 vtep 192.168.250.52 key 5
	lswj "$A" mac get 00:50:56:00:00:0b dev lsw5001
	[[ $(jq -r '.[0].key' <<< "$OUT") == 5 ]] || fail "replaced key: $OUT"
	# Out of range, to the tool and to the kernel.
	for k in 0 32768; do
		fails "$LSW" -n "$A" mac add 00:50:56:00:00:0d dev lsw5001 vtep 192.168.250.52 key $k
		[[ $OUT == "lsw: invalid key \"$k\": not in 1..32767" ]] || fail "key $k: $OUT"
		fails nlraw genl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:0d\"],[\"VTEP_IP\",\"ip4\",\"192.168.250.52\"],[\"KEY\",\"u32\",$k]]]]"
		[[ $OUT == "error: ERANGE: integer out of range"*"[attr LSW_A_MAC.LSW_MAC_A_KEY]" ]] ||
			fail "kernel, key $k: $OUT"
	done
	# A local port's key is the port's own.
	fails "$LSW" -n "$A" mac add 00:50:56:00:00:0a dev lsw5001 port veth0 key 5
	[[ $OUT == 'lsw: "key" goes with "vtep": a local port has its own (lsw port set)' ]] ||
		fail "local, tool: $OUT"
	fails nlraw genl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:0a\"],[\"PORT\",\"u32\",$(ip netns exec "$A" cat /sys/class/net/veth0/ifindex)],[\"KEY\",\"u32\",5]]]]"
	[[ $OUT =~ ^"error: EINVAL: A key is for remote entries: a local port has its own [offset "[0-9]+"] [attr LSW_A_MAC.LSW_MAC_A_KEY]"$ ]] ||
		fail "local, kernel: $OUT"
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq length <<< "$OUT") == 2 ]] || fail "a refused entry is in: $OUT"
}

# port_line DEV: the line "lsw port show" prints for port DEV.
port_line()
{
	"$LSW" -n "$A" port show | grep "^$1 "
}

# The ports' OVN identity: set, shown, cleared, unique per switch, gone
# with the port.
test_port_object()
{
	local name63 name64 idx6 v0

	setup
	run ip -n "$A" link add veth2 type veth peer name veth3
	run ip -n "$A" link set veth2 master lsw5001
	idx6=$(ip netns exec "$A" cat /sys/class/net/lsw6001/ifindex)
	v0=$(ip netns exec "$A" cat /sys/class/net/veth0/ifindex)
	# Every port of every switch, the switches themselves included.
	lswj "$A" port show
	[[ $(jq -c 'sort_by(.ifname)' <<< "$OUT") == \
	   '[{"ifname":"lsw5001","master":"lsw5001"},{"ifname":"lsw6001","master":"lsw6001"},{"ifname":"veth0","master":"lsw5001"},{"ifname":"veth2","master":"lsw5001"}]' ]] ||
		fail "ports: $OUT"
	lswj "$A" port show dev lsw6001
	[[ $(jq -c . <<< "$OUT") == '[{"ifname":"lsw6001","master":"lsw6001"}]' ]] || fail "lsw6001's: $OUT"

	run "$LSW" -n "$A" port set dev veth0 key 5 name lp1
	run "$LSW" -n "$A" port set dev lsw5001 key 6
	[[ $(port_line veth0) == "veth0  master lsw5001  key 5  name lp1" ]] ||
		fail "text: $(port_line veth0)"
	[[ $(port_line lsw5001) == "lsw5001  master lsw5001  key 6" ]] ||
		fail "host port: $(port_line lsw5001)"
	# One change leaves the other as it was.
	run "$LSW" -n "$A" port set dev veth0 name lp1-b
	[[ $(port_line veth0) == "veth0  master lsw5001  key 5  name lp1-b" ]] ||
		fail "name only: $(port_line veth0)"

	# A key is unique within a switch; the error names its port.
	fails "$LSW" -n "$A" port set dev veth2 key 5 name lp2
	if [[ $OUT != "Error: lsw: Key 5 is in use by port veth0" ]]; then
		# Kernels before 6.2 have no formatted extack messages.
		[[ $(uname -r) == 6.1.* &&
		   $OUT == "Error: lsw: Key is in use by another port of the switch" ]] ||
			fail "key in use: $OUT"
	fi
	[[ $(port_line veth2) == "veth2  master lsw5001" ]] ||
		fail "a refused set changed the port: $(port_line veth2)"
	fails "$LSW" -n "$A" port set dev veth2 key 6
	[[ $OUT == *"Key 6 is in use by port lsw5001" || $OUT == *"another port of the switch" ]] ||
		fail "host port's key: $OUT"
	# ... and only within a switch.
	run "$LSW" -n "$A" port set dev lsw6001 key 5
	# Cleared, it is free.
	run "$LSW" -n "$A" port set dev veth0 key 0 name ""
	[[ $(port_line veth0) == "veth0  master lsw5001" ]] || fail "cleared: $(port_line veth0)"
	run "$LSW" -n "$A" port set dev veth2 key 5
	lswj "$A" port show dev lsw5001
	[[ $(count '.ifname == "veth0" and has("key") == false and has("name") == false') == 1 ]] ||
		fail "cleared, JSON: $OUT"

	# Names: up to 63 bytes.
	name63=$(printf 'n%.0s' {1..63})
	name64=${name63}n
	run "$LSW" -n "$A" port set dev veth0 name "$name63"
	lswj "$A" port show dev lsw5001
	[[ $(jq -r '.[] | select(.ifname == "veth0") | .name' <<< "$OUT") == "$name63" ]] ||
		fail "63-byte name: $OUT"
	fails "$LSW" -n "$A" port set dev veth0 name "$name64"
	[[ $OUT == "lsw: invalid name \"$name64\": longer than 63 bytes" ]] || fail "64 bytes, tool: $OUT"
	fails nlraw genl PORT_SET "[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$v0],[\"NAME\",\"str\",\"$name64\"]]]]"
	[[ $OUT == "error: ERANGE:"*"[attr LSW_A_PORT.LSW_PORT_A_NAME]" ||
	   $OUT == "error: EINVAL:"*"[attr LSW_A_PORT.LSW_PORT_A_NAME]" ]] || fail "64 bytes, kernel: $OUT"
	fails "$LSW" -n "$A" port set dev veth0 key 32768
	[[ $OUT == 'lsw: invalid key "32768": not in 0..32767' ]] || fail "key 32768, tool: $OUT"
	fails nlraw genl PORT_SET "[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$v0],[\"KEY\",\"u32\",32768]]]]"
	[[ $OUT == "error: ERANGE: integer out of range"*"[attr LSW_A_PORT.LSW_PORT_A_KEY]" ]] ||
		fail "key 32768, kernel: $OUT"

	# What is not a port, or not the switch's.
	fails "$LSW" -n "$A" port set dev veth1 key 1
	[[ $OUT == "Error: Not a port of a switch (nor an lsw device)" ]] || fail "veth1: $OUT"
	fails "$LSW" -n "$A" port set dev lo key 1
	[[ $OUT == "Error: Not a port of a switch (nor an lsw device)" ]] || fail "lo: $OUT"
	fails "$LSW" -n "$A" port set dev veth0
	[[ $OUT == 'lsw: nothing to change; try "lsw port help"' ]] || fail "nothing: $OUT"
	fails "$LSW" -n "$A" port set key 1
	[[ $OUT == 'lsw: "dev PORTDEV" is required; try "lsw port help"' ]] || fail "no dev: $OUT"
	fails nlraw genl PORT_SET "[[\"IFINDEX\",\"u32\",$idx6],[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$v0],[\"KEY\",\"u32\",9]]]]"
	[[ $OUT == "error: ENODEV: Not a port of this switch"*"[attr LSW_A_PORT.LSW_PORT_A_IFINDEX]" ]] ||
		fail "another switch's port: $OUT"
	fails nlraw genl PORT_SET "[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$v0]]]]"
	[[ $OUT == "error: EINVAL: Nothing to set: give the port a key, a name or port security"*"[attr LSW_A_PORT]" ]] ||
		fail "nothing, kernel: $OUT"
	fails nlraw genl PORT_SET "[[\"PORT\",\"nest\",[[\"KEY\",\"u32\",9]]]]"
	[[ $OUT == "error: EINVAL: lsw: Missing port ifindex"* ]] || fail "no ifindex: $OUT"
	fails nlraw genl PORT_SET "[]"
	[[ $OUT == "error: EINVAL: lsw: No port in the request"* ]] || fail "no port: $OUT"
	run nlraw genl PORT_GET "[[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$v0]]]]"
	fails nlraw genl PORT_GET "[[\"IFINDEX\",\"u32\",$idx6],[\"PORT\",\"nest\",[[\"IFINDEX\",\"u32\",$v0]]]]"
	[[ $OUT == "error: ENODEV: Not a port of this switch"* ]] || fail "get, another switch: $OUT"

	# Batches: a port line goes after what is pending, its error is its
	# line's.
	cat > "$TMPDIR_T/ports" <<-EOF
	mac add 00:50:56:00:00:01 dev lsw5001 vtep 192.168.250.52 key 7
	port set dev veth0 key 7 name lp7
	port set dev lsw5001 key 7
	mac add 00:50:56:00:00:02 dev lsw5001 vtep 192.168.250.52
	EOF
	fails "$LSW" -n "$A" -batch "$TMPDIR_T/ports"
	[[ $OUT == "lsw: batch $TMPDIR_T/ports line 3: Error: lsw: "* ]] || fail "batch: $OUT"
	[[ $(port_line veth0) == "veth0  master lsw5001  key 7  name lp7" ]] ||
		fail "line 2 not applied: $(port_line veth0)"
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq -c '[.[].mac]' <<< "$OUT") == '["00:50:56:00:00:01"]' ]] || fail "batch's entries: $OUT"

	# A port's identity goes with it.
	run ip -n "$A" link set veth0 nomaster
	lswj "$A" port show
	[[ $(count '.ifname == "veth0"') == 0 ]] || fail "released port listed: $OUT"
	run "$LSW" -n "$A" link set lsw5001 port add veth0
	[[ $(port_line veth0) == "veth0  master lsw5001" ]] || fail "back with: $(port_line veth0)"
	run "$LSW" -n "$A" port set dev veth0 key 7
	run ip -n "$A" link del veth2
	run "$LSW" -n "$A" link del lsw6001
	lswj "$A" port show
	[[ $(jq -c '[.[].ifname] | sort' <<< "$OUT") == '["lsw5001","veth0"]' ]] || fail "after deletions: $OUT"
}

# monitor_start LOG: "lsw -j monitor" in netns A, writing to LOG, once it
# listens; MON_PID is its pid, MON_SKIP the lines of LOG before then.
monitor_start()
{
	ip netns exec "$A" "$LSW" -j monitor > "$1" 2>&1 &
	MON_PID=$!
	monitor_ready "$A" lsw5001 "$1" || fail "the monitor reports nothing: $(cat "$1")"
	MON_SKIP=$(wc -l < "$1")
}

# monitor_stop LOG: stop it; LOG keeps what came after monitor_start,
# which is shown.
monitor_stop()
{
	kill "$MON_PID"
	wait "$MON_PID" 2>/dev/null || true
	tail -n +"$((MON_SKIP + 1))" "$1" > "$1.new"
	mv "$1.new" "$1"
	sed 's/^/#   /' "$1"
}

# lsw monitor: a port joins, changes, leaves.
test_port_monitor()
{
	local log=$TMPDIR_T/monitor pid

	setup
	monitor_start "$log"
	run "$LSW" -n "$A" port set dev veth0 key 5 name lp1
	run "$LSW" -n "$A" port set dev veth0 key 5 name lp1
	run "$LSW" -n "$A" port set dev lsw5001 key 6
	run ip -n "$A" link set veth0 nomaster
	run "$LSW" -n "$A" link set lsw5001 port add veth0
	wait_for grep -q '"port".*"added".*"veth0","master":"lsw5001"}' "$log" ||
		fail "no port event: $(cat "$log")"
	monitor_stop "$log"
	# One event per change (the same values again are no change).
	[[ $(jq -c 'select(.object == "port")' < "$log" | tr -d '\n') == \
	   '{"object":"port","event":"added","ifname":"veth0","master":"lsw5001","key":5,"name":"lp1"}{"object":"port","event":"added","ifname":"lsw5001","master":"lsw5001","key":6}{"object":"port","event":"deleted","ifname":"veth0","master":"lsw5001","key":5,"name":"lp1"}{"object":"port","event":"added","ifname":"veth0","master":"lsw5001"}' ]] ||
		fail "port events"
	# The text line is port show's.
	ip netns exec "$A" "$LSW" monitor port > "$log" 2>&1 &
	pid=$!
	wait_for bash -c "'$LSW' -n '$A' port set dev lsw5001 key \$((RANDOM % 100 + 100)) &&
		grep -q '^\[port added\] lsw5001  master lsw5001  key 1[0-9][0-9]$' '$log'" ||
		fail "text event: $(cat "$log")"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}

test_notifications()
{
	local log=$TMPDIR_T/monitor

	setup
	monitor_start "$log"

	run "$LSW" -n "$A" vtep add 192.168.250.52 dev lsw5001
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0b dev lsw5001 vtep 192.168.250.52
	run "$LSW" -n "$A" mac replace 00:50:56:00:00:0b dev lsw5001 vtep 192.168.250.53
	run "$LSW" -n "$A" arp add 172.16.10.12 dev lsw5001 mac 00:50:56:00:00:0b
	run "$LSW" -n "$A" mac del 00:50:56:00:00:0b dev lsw5001
	run "$LSW" -n "$A" link set lsw5001 ageing 1
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0c dev lsw5001 vtep 192.168.250.52 learned
	wait_for grep -q '"aged"' "$log" || fail "no aged event"
	run "$LSW" -n "$A" link del lsw5001
	wait_for grep -q '"arp".*"deleted"' "$log" || fail "no deletion with the device"
	monitor_stop "$log"
	# One JSON object per line, in the order things happened.
	jq -e . < "$log" > /dev/null || fail "monitor output is not JSON lines"
	[[ $(jq -r '[.object, .event] | join(" ")' < "$log" | head -n 7 | tr '\n' ',') == \
	   "vtep added,mac added,mac added,arp added,mac deleted,mac added,mac aged," ]] ||
		fail "events: $(jq -r '[.object, .event] | join(" ")' < "$log" | tr '\n' ',')"
	[[ $(jq -c 'select(.object == "mac" and .event == "added") | [.ifname, .vni, .mac, .vtep]' < "$log" | head -n 2 | tr -d '\n') == \
	   '["lsw5001",5001,"00:50:56:00:00:0b","192.168.250.52"]["lsw5001",5001,"00:50:56:00:00:0b","192.168.250.53"]' ]] ||
		fail "mac event fields"
	[[ $(jq -c 'select(.object == "arp") | [.ip, .mac]' < "$log" | head -n 1) == \
	   '["172.16.10.12","00:50:56:00:00:0b"]' ]] || fail "arp event fields"
	# The device's end deletes (and announces) what was left in it.
	grep -q '"vtep".*"deleted".*192.168.250.52' "$log" || fail "no vtep deleted at device deletion"
}

test_stats()
{
	setup
	lswj "$A" stats show dev lsw5001
	[[ $(jq -r '.[0].ifname' <<< "$OUT") == lsw5001 ]] || fail "ifname"
	[[ $(jq -r '.[0].vni' <<< "$OUT") == 5001 ]] || fail "vni"
	for c in rx_packets tx_packets bum_copies arp_suppressed mac_learned \
		 mac_moved mac_limit_hit drop_malformed drop_strict_vtep \
		 drop_mtu drop_no_dest; do
		[[ $(jq -r ".[0].stats.$c" <<< "$OUT") == 0 ]] || fail "$c not 0"
	done
	lswj "$A" stats show
	[[ $(jq length <<< "$OUT") == 2 ]] || fail "stats of every device"
	run "$LSW" -n "$A" -s link show lsw5001
	[[ $OUT == *drop_strict_vtep* ]] || fail "-s link show has no counters"
}

test_permissions()
{
	setup
	run "$LSW" -n "$A" mac add 00:50:56:00:00:01 dev lsw5001 vtep 192.168.250.52
	# An unprivileged user reads, and changes nothing.
	run ip netns exec "$A" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$LSW" -j mac show dev lsw5001
	not_host
	[[ $(jq length <<< "$OUT") == 1 ]] || fail "unprivileged dump: $OUT"
	for cmd in "mac add 00:50:56:00:00:02 dev lsw5001 vtep 192.168.250.52" \
		   "mac del 00:50:56:00:00:01 dev lsw5001" \
		   "mac flush" "vtep add 192.168.250.9 dev lsw5001" \
		   "arp add 172.16.10.1 dev lsw5001 mac 00:50:56:00:00:01" \
		   "port set dev veth0 key 1"; do
		# shellcheck disable=SC2086
		fails ip netns exec "$A" setpriv --reuid=65534 --regid=65534 \
			--clear-groups "$LSW" $cmd
		[[ $OUT == *"Operation not permitted"* ]] || fail "$cmd: $OUT"
	done
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq length <<< "$OUT") == 1 ]] || fail "unprivileged user changed the table"
	# Reading the ports needs no privilege.
	run ip netns exec "$A" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$LSW" -j port show dev lsw5001
	[[ $(jq -c '[.[] | .ifname] | sort' <<< "$OUT") == '["lsw5001","veth0"]' ]] ||
		fail "unprivileged port show: $OUT"
	[[ $(jq -c '[.[] | select(has("key"))]' <<< "$OUT") == '[]' ]] ||
		fail "an unprivileged user set a key"
}

test_netns_isolation()
{
	local B idx

	setup
	ns_create B
	run "$LSW" -n "$A" mac add 00:50:56:00:00:01 dev lsw5001 vtep 192.168.250.52
	run "$LSW" -n "$B" -j mac show
	[[ $OUT == "[]" ]] || fail "netns B sees A's table: $OUT"
	run "$LSW" -n "$B" -j stats show
	[[ $OUT == "[]" ]] || fail "netns B sees A's stats: $OUT"
	idx=$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)
	fails ip netns exec "$B" python3 "$LSW_TOP/selftests/lsw_nl.py" genl MAC_GET --dump "[[\"IFINDEX\",\"u32\",$idx]]"
	# 6.1 drops the extack of a dump that fails to start: the errno tells.
	[[ $OUT == *ENODEV* ]] || fail "B reached A's device: $OUT"
}

test_malformed()
{
	local idx nl

	setup
	nl_serve "$A"
	idx=$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)
	nl="nlraw genl"
	fails $nl MAC_NEW '[["MAC","nest",[["ADDR","mac","00:50:56:00:00:01"],["VTEP_IP","ip4","10.0.0.2"]]]]'
	[[ $OUT == *"Missing attribute"* || $OUT == *EINVAL* ]] || fail "no ifindex: $OUT"
	fails $nl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx]]"
	[[ $OUT == *"No table entry in the request"* ]] || fail "no entry: $OUT"
	fails $nl MAC_NEW "[[\"IFINDEX\",\"u16\",$idx]]"
	[[ $OUT == *EINVAL* || $OUT == *ERANGE* ]] || fail "short ifindex: $OUT"
	fails $nl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"MAC\",\"nest\",[[\"ADDR\",\"hex\",\"0050560000\"],[\"VTEP_IP\",\"ip4\",\"10.0.0.2\"]]]]"
	[[ $OUT == *EINVAL* || $OUT == *ERANGE* ]] || fail "short mac: $OUT"
	fails $nl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:01\"],[\"VTEP_IP\",\"ip4\",\"10.0.0.2\"],[\"FLAGS\",\"u32\",4]]]]"
	[[ $OUT == *EINVAL* ]] || fail "bad flags: $OUT"
	fails $nl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:01\"],[\"VTEP_IP\",\"ip4\",\"10.0.0.2\"],[\"AGE\",\"u32\",4]]]]"
	# The age is read-only: NEW's entry nest has no place for it (a gap
	# before KEY).
	[[ $OUT == *"EINVAL: Unsupported attribute"*"[attr LSW_A_MAC.LSW_MAC_A_AGE]" ]] ||
		fail "age in request: $OUT"
	fails $nl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:01\"],[99,\"u32\",1]]]]"
	[[ $OUT == *EINVAL* ]] || fail "unknown nested attribute: $OUT"
	fails $nl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx],[99,\"u32\",1]]"
	[[ $OUT == *EINVAL* ]] || fail "unknown attribute: $OUT"
	fails $nl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"VTEP\",\"nest\",[[\"IP\",\"ip4\",\"10.0.0.2\"]]]]"
	[[ $OUT == *EINVAL* ]] || fail "vtep nest in a mac request: $OUT"
	fails $nl MAC_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"VNI\",\"u32\",1],[\"MAC\",\"nest\",[[\"ADDR\",\"mac\",\"00:50:56:00:00:01\"],[\"VTEP_IP\",\"ip4\",\"10.0.0.2\"]]]]"
	[[ $OUT == *EINVAL* ]] || fail "vni in a request: $OUT"
	fails $nl ARP_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"ARP\",\"nest\",[[\"IP\",\"ip4\",\"10.0.0.2\"],[\"IP6\",\"ip6\",\"fd00::2\"],[\"MAC\",\"mac\",\"00:50:56:00:00:01\"]]]]"
	[[ $OUT == *"not both"* ]] || fail "ip and ip6: $OUT"
	fails $nl VTEP_NEW "[[\"IFINDEX\",\"u32\",$idx],[\"VTEP\",\"nest\",[[\"IP6\",\"hex\",\"00\"]]]]"
	[[ $OUT == *EINVAL* || $OUT == *ERANGE* ]] || fail "short ip6: $OUT"
	fails $nl STATS_GET "[[\"IFINDEX\",\"u32\",999999]]"
	[[ $OUT == *"No such device"* ]] || fail "bad ifindex: $OUT"
	fails $nl 99 '[]'
	[[ $OUT == *EOPNOTSUPP* || $OUT == *ENOTSUP* ]] || fail "unknown command: $OUT"
	lswj "$A" mac show
	not_host
	[[ $OUT == "[]" ]] || fail "a malformed request changed the table: $OUT"
}

test_batch_partial()
{
	setup
	cat > "$TMPDIR_T/b" <<-EOF
	mac add 00:50:56:00:00:01 dev lsw5001 vtep 192.168.250.52
	mac add 00:50:56:00:00:02 dev lsw5001 vtep 192.168.250.52
	# a comment
	mac add 00:50:56:00:00:03 dev lsw5001 port veth1
	mac add 00:50:56:00:00:04 dev lsw5001 vtep 192.168.250.52
	EOF
	fails "$LSW" -n "$A" -batch "$TMPDIR_T/b"
	[[ $OUT == *"line 4"* ]] || fail "failing line not named: $OUT"
	[[ $OUT == *"Not a port of this switch"* ]] || fail "no kernel message: $OUT"
	lswj "$A" mac show
	not_host
	[[ $(jq -c '[.[].mac] | sort' <<< "$OUT") == '["00:50:56:00:00:01","00:50:56:00:00:02"]' ]] ||
		fail "entries before the failure should be in, after it not: $OUT"
}

# 100k entries, 20k on the debug kernel: several resizes of the hash
# table and a dump of many messages either way.
test_batch_100k()
{
	local n start

	n=$(lsw_size 100000 20000)

	setup
	run "$LSW" -n "$A" link set lsw5001 mac-limit 0
	python3 - "$n" > "$TMPDIR_T/big" <<-'EOF'
	import sys
	for i in range(int(sys.argv[1])):
	    print("mac add 02:%02x:%02x:%02x:00:01 dev lsw5001 vtep 10.%d.%d.%d" %
	          (i >> 16 & 255, i >> 8 & 255, i & 255,
	           i >> 16 & 255, i >> 8 & 255, i & 255 or 1))
	EOF
	start=$SECONDS
	"$LSW" -n "$A" -batch "$TMPDIR_T/big" || fail "batch install failed"
	log "installed $n entries in $((SECONDS - start))s"
	start=$SECONDS
	"$LSW" -n "$A" -j mac show dev lsw5001 static > "$TMPDIR_T/dump" || fail "dump failed"
	log "dumped in $((SECONDS - start))s"
	[[ $(jq length < "$TMPDIR_T/dump") == "$n" ]] || fail "dump has $(jq length < "$TMPDIR_T/dump") entries"
	diff <(awk '{ print $3, $7 }' "$TMPDIR_T/big" | sort) \
	     <(jq -r '.[] | "\(.mac) \(.vtep)"' < "$TMPDIR_T/dump" | sort) > /dev/null ||
		fail "dump differs from what was installed"
	run "$LSW" -n "$A" mac flush dev lsw5001
}

test_ynl()
{
	local ynl=$LSW_CACHE/src/linux-source-6.12/tools/net/ynl/cli.py
	local spec=$LSW_TOP/Documentation/netlink/specs/lsw.yaml idx schema v0

	[[ -f $ynl ]] || skip "no YNL in $LSW_CACHE/src (make deps)"
	[[ -f $spec ]] || fail "no spec $spec"
	# The schema the spec names, from the same kernel tree as the tool.
	schema=$(dirname "$ynl")/../../../Documentation/netlink/$(sed -n 's/^protocol: *//p' "$spec").yaml
	ynl=(python3 "$ynl" --spec "$spec")
	setup
	idx=$(ip netns exec "$A" cat /sys/class/net/lsw5001/ifindex)
	# The first request checks the spec against the schema; the others
	# need not again (jsonschema is most of a request's time).
	run ip netns exec "$A" "${ynl[@]}" --schema "$schema" --do vtep-new \
		--json "{\"ifindex\": $idx, \"vtep\": [{\"ip\": $((192 << 24 | 168 << 16 | 250 << 8 | 52))}]}"
	run "$LSW" -n "$A" -j vtep show
	[[ $(jq -r '.[0].vtep' <<< "$OUT") == 192.168.250.52 ]] || fail "ynl vtep-new"
	run "$LSW" -n "$A" mac add 00:50:56:00:00:0b dev lsw5001 vtep 192.168.250.52
	run ip netns exec "$A" "${ynl[@]}" --no-schema --dump mac-get \
		--json "{\"ifindex\": $idx}"
	[[ $OUT == *00:50:56:00:00:0b* || $OUT == *00505600000b* ]] || fail "ynl mac dump"
	[[ $OUT == *5001* ]] || fail "ynl mac dump has no vni"
	run ip netns exec "$A" "${ynl[@]}" --no-schema --do mac-set \
		--json "{\"ifindex\": $idx, \"mac\": [{\"addr\": \"00505600000b\", \"vtep-ip\": $((192 << 24 | 168 << 16 | 250 << 8 | 53))}]}"
	lswj "$A" mac show dev lsw5001
	not_host
	[[ $(jq -c '[.[] | [.mac, .vtep]]' <<< "$OUT") == '[["00:50:56:00:00:0b","192.168.250.53"]]' ]] ||
		fail "ynl mac-set did not replace the entry: $OUT"
	run ip netns exec "$A" "${ynl[@]}" --no-schema --do stats-get \
		--json "{\"ifindex\": $idx}"
	[[ $OUT == *drop-strict-vtep* || $OUT == *drop_strict_vtep* ]] || fail "ynl stats"
	run ip netns exec "$A" "${ynl[@]}" --no-schema --do info-get
	[[ $OUT == *"$(cat /sys/module/lsw/version)"* ]] || fail "ynl info-get: $OUT"
	# The ports: set one's key, read it back by its ifindex and in the
	# dump of every port.
	v0=$(ip netns exec "$A" cat /sys/class/net/veth0/ifindex)
	run ip netns exec "$A" "${ynl[@]}" --no-schema --do port-set \
		--json "{\"port\": [{\"ifindex\": $v0, \"key\": 9, \"name\": \"lp9\"}]}"
	run ip netns exec "$A" "${ynl[@]}" --no-schema --do port-get \
		--json "{\"port\": [{\"ifindex\": $v0}]}"
	[[ $OUT == *"'key': 9"* && $OUT == *"'name': 'lp9'"* && $OUT == *"'ifname': 'veth0'"* ]] ||
		fail "ynl port-get: $OUT"
	run ip netns exec "$A" "${ynl[@]}" --no-schema --dump port-get
	[[ $OUT == *"'ifname': 'lsw6001'"* && $OUT == *"'key': 9"* ]] || fail "ynl port dump: $OUT"
	[[ $("$LSW" -n "$A" port show | grep '^veth0 ') == "veth0  master lsw5001  key 9  name lp9" ]] ||
		fail "ynl's port-set not applied"
}

lsw_require ip jq python3 setpriv
TMPDIR_T=$(mktemp -d)
trap 'rm -rf "$TMPDIR_T"' EXIT
lsw_run_tests
