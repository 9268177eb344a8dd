// SPDX-License-Identifier: GPL-2.0
/*
 * Argument values: numbers, on/off, keywords, MAC and IP addresses and
 * device names, parsed strictly (a typo must not become a different
 * value), and formatted back the way they are typed.
 *
 * Every parser says what is wrong on stderr, as "lsw: invalid WHAT
 * "VALUE"", and returns -1; WHAT is the keyword the value belongs to.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "lsw.h"

/*
 * Device names looked up lately.  A batch names the same few devices on
 * every line; one ioctl per name instead of one per line keeps a 100k
 * line batch fast.  nl.c forgets them all before any other request, as
 * that request may rename or delete a device.
 */
#define DEV_CACHE_SIZE	8

static struct {
	char name[IFNAMSIZ];
	uint32_t ifindex;
} dev_cache[DEV_CACHE_SIZE];
static unsigned int dev_cache_next;

/* Decimal, or hexadecimal after "0x": no sign, no blanks, no octal. */
int lsw_parse_u32(const char *what, const char *s, uint32_t min,
		  uint32_t max, uint32_t *out)
{
	unsigned long long val;
	const char *digits = s;
	int base = 10;
	char *end;

	if (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2)) {
		digits = s + 2;
		base = 16;
	}
	if (!*digits || !(base == 16 ? isxdigit((unsigned char)*digits) :
			  isdigit((unsigned char)*digits)))
		goto invalid;
	errno = 0;
	val = strtoull(digits, &end, base);
	if (*end || errno)
		goto invalid;
	if (val < min || val > max) {
		fprintf(stderr, "lsw: invalid %s \"%s\": not in %u..%u\n",
			what, s, min, max);
		return -1;
	}
	*out = val;
	return 0;

invalid:
	fprintf(stderr, "lsw: invalid %s \"%s\"\n", what, s);
	return -1;
}

/* on/off, as ip(8) has them. */
int lsw_parse_bool(const char *what, const char *s, bool *out)
{
	static const char *const names[] = { "off", "on" };
	unsigned int i;

	if (lsw_parse_choice(what, s, names, LSW_ARRAY_SIZE(names), &i))
		return -1;
	*out = i;
	return 0;
}

/* One of @names, exactly; NULL entries are not choices. */
int lsw_parse_choice(const char *what, const char *s,
		     const char *const *names, unsigned int n,
		     unsigned int *out)
{
	const char *sep = "";
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (names[i] && !strcmp(s, names[i])) {
			*out = i;
			return 0;
		}
	}
	fprintf(stderr, "lsw: invalid %s \"%s\": expected ", what, s);
	for (i = 0; i < n; i++) {
		if (!names[i])
			continue;
		fprintf(stderr, "%s%s", sep, names[i]);
		sep = "|";
	}
	fputc('\n', stderr);
	return -1;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* xx:xx:xx:xx:xx:xx, each byte one or two hexadecimal digits. */
int lsw_parse_mac(const char *what, const char *s, uint8_t *mac)
{
	const char *p = s;
	int i, d, val;

	for (i = 0; i < LSW_MAC_LEN; i++) {
		if (i && *p++ != ':')
			goto invalid;
		val = hex_digit(*p);
		if (val < 0)
			goto invalid;
		p++;
		d = hex_digit(*p);
		if (d >= 0) {
			val = val * 16 + d;
			p++;
		}
		mac[i] = val;
	}
	if (*p)
		goto invalid;
	return 0;

invalid:
	fprintf(stderr, "lsw: invalid %s \"%s\"\n", what, s);
	return -1;
}

int lsw_parse_ip(const char *what, const char *s, struct lsw_ip *ip)
{
	memset(ip, 0, sizeof(*ip));
	if (inet_pton(AF_INET, s, &ip->v4) == 1) {
		ip->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, &ip->v6) == 1) {
		ip->family = AF_INET6;
		return 0;
	}
	fprintf(stderr, "lsw: invalid %s \"%s\"\n", what, s);
	return -1;
}

/* The ifindex of device @s, in the netns lsw runs in. */
int lsw_parse_dev(const char *s, uint32_t *ifindex)
{
	unsigned int i;

	/* A name in the cache was checked on its way in. */
	for (i = 0; i < DEV_CACHE_SIZE; i++) {
		if (dev_cache[i].ifindex && !strcmp(dev_cache[i].name, s)) {
			*ifindex = dev_cache[i].ifindex;
			return 0;
		}
	}

	if (lsw_check_ifname(s))
		return -1;
	*ifindex = if_nametoindex(s);
	if (!*ifindex) {
		fprintf(stderr, "lsw: cannot find device \"%s\"\n", s);
		return -1;
	}
	i = dev_cache_next++ % DEV_CACHE_SIZE;
	/* lsw_check_ifname() made sure that it fits. */
	snprintf(dev_cache[i].name, sizeof(dev_cache[i].name), "%s", s);
	dev_cache[i].ifindex = *ifindex;
	return 0;
}

void lsw_parse_dev_forget(void)
{
	memset(dev_cache, 0, sizeof(dev_cache));
}

/* @buf has room for LSW_MAC_STRLEN bytes. */
const char *lsw_format_mac(const uint8_t *mac, char *buf)
{
	snprintf(buf, LSW_MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

/* @buf has room for LSW_IP_STRLEN bytes. */
const char *lsw_format_ip(int family, const void *addr, char *buf)
{
	if (!inet_ntop(family, addr, buf, LSW_IP_STRLEN))
		snprintf(buf, LSW_IP_STRLEN, "?");
	return buf;
}

/*
 * The name of device @ifindex, or its number if it has none here (gone
 * already, or in another netns): @buf has room for IFNAMSIZ bytes.
 */
const char *lsw_format_ifindex(uint32_t ifindex, char *buf)
{
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IFNAMSIZ, "%u", ifindex);
	return buf;
}
