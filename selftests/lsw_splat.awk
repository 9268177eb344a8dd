# SPDX-License-Identifier: GPL-2.0
#
# A kernel log with the splats the tests tolerate taken out, for the
# splat scans (the VM runner's, selftests/vm/run, and each test's,
# lib.sh); any other line passes unchanged.  A tolerated splat is named
# exactly, by the function and the module in its trace, never by a broad
# pattern, and is replaced by one line "lsw-splat-tolerated: FUNCTION
# [MODULE]".
#
# Tolerated: on the Debian 6.12 kernel, FORTIFY_SOURCE's "memcpy:
# detected field-spanning write" warning in ip_tunnel_info_opts_set()
# (include/net/ip_tunnels.h: the copy of a tunnel's options into the
# space after struct ip_tunnel_info), a false positive that kernel's own
# modules hit as soon as Geneve options are in play with Open vSwitch
# (lsw_ovn.sh), once per call site:
#   validate_and_copy_set_tun [openvswitch]  ovs-vswitchd installs a
#                                            flow that sets Geneve options
#   geneve_udp_encap_recv [geneve]           OVS's Geneve port receives
#                                            a packet with options
# Neither is lsw.  A block from such a "WARNING:" line to its "end trace"
# line is dropped only if its RIP line names the same function in the
# same module; any other block is printed as it was.

# A serial console's lines end in CR LF.
{ sub(/\r$/, "") }

function flush_block(tolerated,    i)
{
	if (tolerated)
		print "lsw-splat-tolerated: " want
	else
		for (i = 1; i <= nblock; i++)
			print block[i]
	nblock = 0
	inblock = 0
	rip = 0
}

/WARNING: CPU: [0-9]+ PID: [0-9]+ at include\/net\/ip_tunnels\.h:[0-9]+ (validate_and_copy_set_tun\+0x[0-9a-f]+\/0x[0-9a-f]+ \[openvswitch\]|geneve_udp_encap_recv\+0x[0-9a-f]+\/0x[0-9a-f]+ \[geneve\])$/ {
	if (inblock)
		flush_block(0)
	inblock = 1
	block[++nblock] = $0
	# "FUNCTION [MODULE]", which the RIP line must name too.
	want = $0
	sub(/.* at include\/net\/ip_tunnels\.h:[0-9]+ /, "", want)
	sub(/\+0x[0-9a-f]+\/0x[0-9a-f]+ /, " ", want)
	next
}

inblock {
	block[++nblock] = $0
	if ($0 ~ /RIP: [0-9a-f]+:/) {
		line = $0
		sub(/.*RIP: [0-9a-f]+:/, "", line)
		sub(/\+0x[0-9a-f]+\/0x[0-9a-f]+ /, " ", line)
		if (line == want)
			rip = 1
	}
	if ($0 ~ /---\[ end trace [0-9a-f]+ \]---/)
		flush_block(rip)
	next
}

{ print }

END {
	if (inblock)
		flush_block(0)
}
