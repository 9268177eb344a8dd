#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Netlink fuzzing (lsw_fuzz.py): random and mutated requests to the "lsw"
# generic netlink family and to rtnetlink for lsw links.  Every request
# gets a clean answer, the kernel log stays clean (lib.sh checks it after
# every test), whole requests end as the model says, requests carrying
# what their operation does not take (an entry in a flush, a reply's
# attribute, an NLM_F_CREATE...) are refused and change nothing, the
# tables end as the requests that succeeded say, and the module unloads
# afterwards: nothing holds a reference.
#
# Frame fuzzing (lsw_frames_fuzz.py): malformed ARP, neighbour discovery
# and DHCP from a VM teach the ARP/ND table nothing, and under random
# mutations every frame is accounted for: switched, or answered.  On a
# port with port security, the same frames (whose addresses are not the
# port's) and their mutations teach nothing either, and what reaches the
# other port (the host's, captured) is only what the port may send.
#
# LSW_FUZZ_SECONDS (per phase, default 10) and LSW_FUZZ_SEED (default:
# random, printed) make a run longer or repeat one.

source "$(dirname "$0")/lib.sh"

TESTS=(
	model
	garbage
	vm_frames
	secured_frames
	unload
)

SECONDS_PER=${LSW_FUZZ_SECONDS:-10}
SEED=${LSW_FUZZ_SEED:-$RANDOM}
FUZZ=$LSW_TOP/selftests/lsw_fuzz.py
FRAMES=$LSW_TOP/selftests/lsw_frames_fuzz.py

setup()
{
	ns_create A
	lsw_module_load
	run ip -n "$A" link add ul0 type dummy
	run ip -n "$A" addr add 10.0.0.1/24 dev ul0
	run ip -n "$A" addr add fd00::1/64 dev ul0 nodad
	run ip -n "$A" link set ul0 up
	run "$LSW" -n "$A" link add lsw5001 vni 5001 local 10.0.0.1 dev ul0
	run "$LSW" -n "$A" link add lsw6001 vni 6001 local fd00::1 dev ul0
	run ip -n "$A" link add veth0 type veth peer name veth1
	run ip -n "$A" link set veth0 master lsw5001
	# No IPv6 address on the host ports, so the host sends nothing
	# (DAD, router solicitations) through them: lsw would learn its MAC
	# at a moment of its own, in a table the model predicts.
	run ip -n "$A" link set lsw5001 addrgenmode none
	run ip -n "$A" link set lsw6001 addrgenmode none
	run ip -n "$A" link set lsw5001 up
	run ip -n "$A" link set lsw6001 up
}

test_model()
{
	setup
	run ip netns exec "$A" python3 "$FUZZ" model "$SECONDS_PER" "$SEED" \
		lsw5001 lsw6001 veth0 || fail "model fuzzing (seed $SEED)"
}

test_garbage()
{
	setup
	run ip netns exec "$A" python3 "$FUZZ" garbage "$SECONDS_PER" "$SEED" \
		lsw5001 lsw6001 || fail "garbage fuzzing (seed $SEED)"
	# The devices still answer, whatever the fuzzer changed.
	run "$LSW" -n "$A" -j link show
	[[ $(jq '[.[] | select(.ifname == "lsw5001" or .ifname == "lsw6001")] | length' <<< "$OUT") == 2 ]] ||
		fail "the switches are gone: $OUT"
	run "$LSW" -n "$A" -j stats show dev lsw5001
	run "$LSW" -n "$A" -j mac show
	jq -e 'type == "array"' <<< "$OUT" > /dev/null || fail "mac show: $OUT"
}

# accounted: how many frames the switch has handled since $BASE: switched
# to the host port (the only other port), answered by suppression or
# dropped (each is counted once).
accounted()
{
	local n

	n=$("$LSW" -n "$A" -j stats show dev lsw5001 |
		jq '.[0].stats | .local_packets + .arp_suppressed +
		    ([to_entries[] | select(.key | startswith("drop_")) | .value] | add)')
	echo $((n - ${BASE:-0}))
}

# port_rx: frames the VM's port delivered to the switch; the sender can
# outrun the backlog, so not every frame it sent gets there.
port_rx()
{
	ip -n "$A" -j -s link show vnet0 | jq '.[0].stats64.rx.packets'
}

# settle RX0 SHORT: wait until the switch has accounted for every frame
# the VM's port delivered since RX0 (a frame counted by the port, but for
# the SHORT ones too short for their VLAN tag, which the core drops, is
# either switched, answered or dropped under a reason); then $RX holds
# how many those were and $GOT how many the switch accounted for.  The
# last frames may still be on their way through the backlog.
settle()
{
	local deadline=$((SECONDS + 20))

	while RX=$(($(port_rx) - $1 - $2)) && GOT=$(accounted) &&
	      ((GOT < RX && SECONDS < deadline)); do
		sleep 0.2
	done
}

# send_frames ARGS...: lsw_frames_fuzz.py ARGS in the VM; once the switch
# has dealt with them (settle), $sent and $short say how many it sent,
# $RX and $GOT how many reached the switch and it accounted for.
send_frames()
{
	local rx0

	BASE=$(accounted)
	rx0=$(port_rx)
	run ip netns exec "$VM" python3 "$FRAMES" "$@"
	read -r sent short <<< "$OUT"
	settle "$rx0" "$short"
}

# vm_setup: a switch in A, and a VM whose eth0 is its port vnet0.
vm_setup()
{
	ns_create A VM
	lsw_module_load
	run ip -n "$A" link add ul0 type dummy
	run ip -n "$A" addr add 10.0.0.1/24 dev ul0
	run ip -n "$A" link set ul0 up
	run "$LSW" -n "$A" link add lsw5001 vni 5001 local 10.0.0.1 dev ul0
	# Nothing but the VM's frames may cross the switch: no addresses
	# of their own for the host port and the VM's interface.
	run ip -n "$A" link set lsw5001 addrgenmode none
	run ip -n "$A" link set lsw5001 up
	run ip link add eth0 netns "$VM" type veth peer name vnet0 netns "$A"
	run ip -n "$VM" link set eth0 addrgenmode none
	run ip -n "$VM" link set eth0 up
	run ip -n "$A" link set vnet0 addrgenmode none
	run ip -n "$A" link set vnet0 master lsw5001
	run ip -n "$A" link set vnet0 up
}

test_vm_frames()
{
	local sent short got want RX GOT

	vm_setup

	# Every crafted frame is small and few: all of them reach the switch
	# (no backlog overflows), and once the switch has dealt with each,
	# the four controls, built as the malformed frames are but whole,
	# are learned, and nothing else is.
	send_frames crafted eth0
	((RX == sent - short)) || fail "$sent crafted frames sent, $RX reached the switch"
	((GOT == RX)) || fail "$RX crafted frames reached the switch, $GOT accounted for"
	want='["192.0.2.1 02:90:0d:00:00:01","192.0.2.77 02:90:0d:00:00:01","2001:db8:900d::1 02:90:0d:00:00:01","2001:db8:900d::2 02:90:0d:00:00:01"]'
	run "$LSW" -n "$A" -j arp show dev lsw5001
	got=$(jq -c '[.[] | "\(.ip) \(.mac)"] | sort' <<< "$OUT")
	[[ $got == "$want" ]] || fail "learned from malformed frames: $got"
	log "$sent crafted frames, only the 4 controls learned"

	# How many of them the backlog let through is the host's speed, not
	# the switch's: some must have, and each that did is accounted for.
	send_frames mutate eth0 "$SECONDS_PER" "$SEED"
	((RX > 0)) || fail "$sent mutated frames sent, none reached the switch"
	run "$LSW" -n "$A" -j stats show dev lsw5001
	((GOT == RX)) || fail "$RX mutated frames reached the switch ($short more too short for their VLAN tag), $GOT accounted for"
	run "$LSW" -n "$A" -j arp show dev lsw5001
	log "$sent mutated frames (seed $SEED), $RX reached the switch ($short more too short for their VLAN tag), all accounted for;" \
		"$(jq length <<< "$OUT") ARP/ND entries"
}

# allowed_only DUMP: every frame of DUMP (lsw_pkt.py dump) is one the
# secured port may send: from its MAC, from its addresses or the
# unspecified one where that is allowed, no DHCP server's, no second tag.
allowed_only()
{
	awk -v mac="$SEC_MAC" -v ip4=203.0.113.5 -v ip6=2001:db8:5ec::5 '
		{
			delete w
			for (i = 1; i <= NF; i++) {
				split($i, kv, "=")
				w[kv[1]] = kv[2]
			}
			bad = ""
			if (w["src"] != mac)
				bad = "source MAC"
			else if (w["vtype"] == "0x8100" || w["vtype"] == "0x88a8")
				bad = "a second tag"
			else if ("arp_sip" in w && w["arp_sip"] != ip4 &&
				 !(w["arp_sip"] == "0.0.0.0" && w["arp_tip"] == ip4))
				bad = "ARP sender"
			else if ("saddr" in w && w["saddr"] != ip4 && w["saddr"] != ip6 &&
				 !(w["saddr"] == "0.0.0.0" && w["sport"] == 68 && w["dport"] == 67) &&
				 !(w["saddr"] == "::" && ("icmp" in w || (w["sport"] == 546 && w["dport"] == 547))))
				bad = "source address"
			else if (w["sport"] == 67 || w["sport"] == 547)
				bad = "DHCP server"
			if (bad != "") {
				print "# not allowed (" bad "): " $0
				n++
			}
		}
		END { exit n > 0 }' "$1"
}

test_secured_frames()
{
	local sent short RX GOT cap

	vm_setup
	SEC_MAC=$(ip netns exec "$VM" cat /sys/class/net/eth0/address)
	run "$LSW" -n "$A" port set dev vnet0 security "$SEC_MAC" 203.0.113.5 2001:db8:5ec::5

	# The host's port, the switch's other one, is captured.
	cap=$(mktemp -d)
	ip netns exec "$A" tcpdump -nn -i lsw5001 -s 0 -U --immediate-mode \
		-w "$cap/host.pcap" 2> "$cap/err" &
	local tcpdump=$!
	wait_for grep -q "listening on" "$cap/err" || fail "tcpdump did not start"

	send_frames crafted eth0
	((GOT == RX)) || fail "$RX crafted frames reached the switch, $GOT accounted for"
	send_frames mutate eth0 "$SECONDS_PER" "$SEED"
	((RX > 0)) || fail "$sent mutated frames sent, none reached the switch"
	((GOT == RX)) || fail "$RX mutated frames reached the switch, $GOT accounted for"
	# The control: what the port may send is learned, and crosses.
	run ip netns exec "$VM" python3 -S "$LSW_TOP/selftests/lsw_pkt.py" spoof eth0 garp 203.0.113.5
	wait_for bash -c "'$LSW' -n '$A' -j arp show dev lsw5001 | jq -e 'length > 0'" ||
		fail "the port's own address not learned"
	run "$LSW" -n "$A" -j arp show dev lsw5001
	[[ $(jq -c '[.[] | "\(.ip) \(.mac)"]' <<< "$OUT") == "[\"203.0.113.5 $SEC_MAC\"]" ]] ||
		fail "learned from frames port security refuses: $OUT"
	nap 1
	kill "$tcpdump"
	wait "$tcpdump" 2>/dev/null || true
	python3 -S "$LSW_TOP/selftests/lsw_pkt.py" dump "$cap/host.pcap" > "$cap/host.txt"
	grep -q "arp_sip=203.0.113.5" "$cap/host.txt" || fail "the control did not cross"
	allowed_only "$cap/host.txt" || fail "frames port security refuses crossed (seed $SEED)"
	run "$LSW" -n "$A" -j stats show dev lsw5001
	log "seed $SEED: $(wc -l < "$cap/host.txt") frames crossed, all allowed;" \
		"$(jq -c '.[0].stats | with_entries(select(.key | startswith("drop_spoof") or . == "drop_dhcp_server"))' <<< "$OUT")"
	rm -rf "$cap"
}

test_unload()
{
	# Whatever the fuzzing left behind goes with the namespaces; then
	# nothing may hold the module.
	local ns

	for ns in $(ip netns list | awk '/^lsw-/ { print $1 }'); do
		ip netns del "$ns"
	done
	wait_for rmmod lsw || fail "the module stays busy: $(cat /sys/module/lsw/refcnt 2>/dev/null)"
	run modprobe lsw
}

lsw_require ip jq python3
log "seed $SEED, $SECONDS_PER s per phase"
lsw_run_tests
