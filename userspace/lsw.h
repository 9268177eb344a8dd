/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lsw: the command line tool for lsw logical switches.
 *
 * What the objects (link.c, ...) share with the command line walker
 * (lsw.c), the output path (print.c) and the netlink plumbing (nl.c).
 */
#ifndef LSW_H
#define LSW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <netinet/in.h>

#include <libmnl/libmnl.h>
#include <linux/lsw.h>

#ifndef LSW_VERSION
#define LSW_VERSION "unknown"
#endif

#define LSW_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Room for one request; replies have a buffer of their own. */
#define LSW_NL_MSG_SIZE		8192

/*
 * The largest coalesced batch request (batch.c): big enough that 100k
 * entries take a handful of round trips, small enough for the kernel to
 * allocate without trouble.  Less if the socket's send buffer is smaller.
 */
#define LSW_BATCH_MSG_MAX	(1024 * 1024)

#define LSW_MAC_LEN		6
/* "xx:xx:xx:xx:xx:xx" */
#define LSW_MAC_STRLEN		18

struct lsw_nl;
struct lsw_batch;

/* One invocation, or one line of a batch file. */
struct lsw_ctx {
	/* The words not consumed yet, walked with lsw_arg_*(). */
	int argc;
	char **argv;

	bool json;
	bool pretty;
	int stats;		/* how many times -s was given */

	struct lsw_nl *nl;	/* private to nl.c */

	/*
	 * -batch: where the line being run comes from, for the messages,
	 * and the entries waiting to be sent together (batch.c).
	 */
	const char *batch_name;
	unsigned int lineno;
	bool reported;		/* a failure was reported with its line */
	struct lsw_batch *batch;
};

/* An IPv4 or IPv6 address as typed, or as the kernel sent it. */
struct lsw_ip {
	int family;		/* AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	};
};

/* INET6_ADDRSTRLEN */
#define LSW_IP_STRLEN		46

/*
 * An entry of an object or command table, ended by an empty entry.
 * A NULL run() means "help": print the usage on stdout and succeed.
 * Entries with the same run() and usage() are aliases of each other.
 */
struct lsw_verb {
	const char *name;
	int (*run)(struct lsw_ctx *ctx);
	void (*usage)(FILE *fp);
};

/* lsw.c: command line */
int lsw_dispatch(struct lsw_ctx *ctx, const char *object,
		 const struct lsw_verb *table, const char *dflt,
		 void (*usage)(FILE *fp));
const char *lsw_arg_peek(const struct lsw_ctx *ctx);
const char *lsw_arg_next(struct lsw_ctx *ctx);
bool lsw_arg_is(const struct lsw_ctx *ctx, const char *word);
const char *lsw_arg_required(struct lsw_ctx *ctx);
int lsw_arg_dev(struct lsw_ctx *ctx, uint32_t *ifindex);
int lsw_check_ifname(const char *name);
int lsw_arg_unknown(const char *object, const char *arg);

/* parse.c: argument values, strictly; formatting them back */
int lsw_parse_u32(const char *what, const char *s, uint32_t min,
		  uint32_t max, uint32_t *out);
int lsw_parse_bool(const char *what, const char *s, bool *out);
int lsw_parse_choice(const char *what, const char *s,
		     const char *const *names, unsigned int n,
		     unsigned int *out);
int lsw_parse_mac(const char *what, const char *s, uint8_t *mac);
int lsw_parse_ip(const char *what, const char *s, struct lsw_ip *ip);
int lsw_parse_dev(const char *s, uint32_t *ifindex);
void lsw_parse_dev_forget(void);
const char *lsw_format_mac(const uint8_t *mac, char *buf);
const char *lsw_format_ip(int family, const void *addr, char *buf);
const char *lsw_format_ifindex(uint32_t ifindex, char *buf);

/* print.c: text and JSON output */
void lsw_print_init(bool json, bool pretty);
bool lsw_print_is_json(void);
void lsw_print_start(void);
void lsw_print_end(void);
void lsw_print_open_object(const char *key);
void lsw_print_close_object(void);
void lsw_print_open_array(const char *key);
void lsw_print_close_array(void);
void lsw_print_string(const char *key, const char *fmt, const char *value);
void lsw_print_uint(const char *key, const char *fmt, unsigned int value);
void lsw_print_u64(const char *key, const char *fmt, uint64_t value);
void lsw_print_bool(const char *key, const char *fmt, bool value);
void lsw_print_opt_string(const char *key, const char *fmt,
			  const char *value, const char *none);
void lsw_print_text(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void lsw_print_nl(void);
void lsw_print_record_end(void);

/* nl.c: netlink */
int lsw_nl_init(struct lsw_ctx *ctx);
void lsw_nl_fini(struct lsw_ctx *ctx);
struct nlmsghdr *lsw_nl_msg(struct lsw_ctx *ctx, uint16_t type,
			    uint16_t flags);
struct nlmsghdr *lsw_nl_genl_msg(struct lsw_ctx *ctx, uint16_t family,
				 uint8_t cmd, uint8_t version, uint16_t flags);
int lsw_nl_request(struct lsw_ctx *ctx, int proto, struct nlmsghdr *nlh,
		   mnl_cb_t cb, void *data);
int lsw_nl_request_lines(struct lsw_ctx *ctx, struct nlmsghdr *nlh,
			 const struct lsw_batch *lines);
int lsw_nl_genl_family(struct lsw_ctx *ctx, const char *name);
int lsw_nl_genl_group(struct lsw_ctx *ctx, const char *name,
		      const char *group, uint32_t *group_id);
int lsw_nl_family(struct lsw_ctx *ctx);
size_t lsw_nl_max_request(struct lsw_ctx *ctx);
int lsw_nl_listen(struct lsw_ctx *ctx, uint32_t group, mnl_cb_t cb,
		  void *data);
void lsw_nl_parse(const struct nlmsghdr *nlh, unsigned int offset,
		  const struct nlattr **tb, unsigned int max,
		  const enum mnl_attr_data_type *policy);
void lsw_nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
			 unsigned int max,
			 const enum mnl_attr_data_type *policy);
void lsw_nl_put_ip(struct nlmsghdr *nlh, uint16_t type, uint16_t type6,
		   const struct lsw_ip *ip);

/*
 * batch.c: requests that write table entries, coalesced into few big
 * requests under -batch
 */
struct nlmsghdr *lsw_batch_msg(struct lsw_ctx *ctx, uint8_t cmd,
			       uint16_t flags, uint32_t ifindex);
int lsw_batch_send(struct lsw_ctx *ctx, struct nlmsghdr *nlh);
struct lsw_batch *lsw_batch_new(void);
void lsw_batch_free(struct lsw_batch *b);
int lsw_batch_flush(struct lsw_ctx *ctx);
void lsw_batch_lines(const struct lsw_batch *b, bool has_off, uint32_t off,
		     unsigned int *first, unsigned int *last);

/*
 * entry.c: what the three tables share with each other and with
 * lsw monitor.
 *
 * The columns of the tables "show" prints, in the NSX style: the device
 * first, then the entry's own, the last one unpadded.
 */
#define LSW_COL_VNI	"%-8u "
#define LSW_COL_DEV	"%-15s "
#define LSW_COL_MAC	"%-17s "
#define LSW_COL_IP	"%-15s "
#define LSW_COL_FLAGS	"%-7s "
#define LSW_HDR_DEV	"VNI      DEV             "

/* The lsw device a reply or a notification is about. */
struct lsw_entry_dev {
	uint32_t ifindex;
	uint32_t vni;
	const char *ifname;	/* from the message, or looked up */
	char buf[16];		/* IFNAMSIZ */
};

/* How "show" and "get" print the entries of one table. */
struct lsw_entry_show {
	uint16_t type;		/* LSW_A_VTEP, LSW_A_MAC or LSW_A_ARP */
	const char *header;	/* the text table's first line */
	void (*print)(const struct nlattr *nest, bool table);
	/* NULL, or whether to show the entry: a filter of our own */
	bool (*match)(const struct nlattr *nest, const void *arg);
	const void *arg;
	bool header_done;
};

/* LSW_A_FILTER; the zero value filters nothing. */
struct lsw_entry_filter {
	uint32_t flags;
	uint32_t port;
	struct lsw_ip vtep;
};

void lsw_entry_parse(const struct nlmsghdr *nlh, const struct nlattr **tb);
void lsw_entry_dev_get(const struct nlattr **tb, struct lsw_entry_dev *d);
void lsw_entry_print_dev(const struct lsw_entry_dev *d, bool table);
void lsw_entry_print_flags(const struct nlattr *attr, bool table);
void lsw_entry_print_age(const struct nlattr *attr, bool table);
int lsw_entry_show_cb(const struct nlmsghdr *nlh, void *data);
int lsw_entry_filter_arg(struct lsw_ctx *ctx, struct lsw_entry_filter *f,
			 bool mac);
void lsw_entry_filter_put(struct nlmsghdr *nlh,
			  const struct lsw_entry_filter *f);
int lsw_entry_request(struct lsw_ctx *ctx, uint8_t cmd, uint16_t flags,
		      uint32_t ifindex, const struct lsw_entry_filter *f,
		      struct lsw_entry_show *show);

/* Objects: one file each, listed in lsw.c's object table. */
int lsw_link_main(struct lsw_ctx *ctx);
void lsw_link_usage(FILE *fp);
int lsw_vtep_main(struct lsw_ctx *ctx);
void lsw_vtep_usage(FILE *fp);
int lsw_mac_main(struct lsw_ctx *ctx);
void lsw_mac_usage(FILE *fp);
int lsw_arp_main(struct lsw_ctx *ctx);
void lsw_arp_usage(FILE *fp);
int lsw_stats_main(struct lsw_ctx *ctx);
void lsw_stats_usage(FILE *fp);
int lsw_monitor_main(struct lsw_ctx *ctx);
void lsw_monitor_usage(FILE *fp);

/* stats.c, for lsw -s link show as well */
#define LSW_STATS_NR	(LSW_STATS_A_MAX + 1)

struct lsw_stats {
	uint32_t ifindex;
	uint32_t vni;
	char ifname[16];	/* IFNAMSIZ */
	uint64_t val[LSW_STATS_NR];
	bool has[LSW_STATS_NR];
};

int lsw_stats_fetch(struct lsw_ctx *ctx, uint32_t ifindex,
		    struct lsw_stats **out, size_t *n);
void lsw_stats_print(const struct lsw_stats *s, const char *indent);

/* vtep.c, mac.c, arp.c: one entry, as a table row or in an event line */
void lsw_vtep_print(const struct nlattr *nest, bool table);
void lsw_mac_print(const struct nlattr *nest, bool table);
void lsw_arp_print(const struct nlattr *nest, bool table);
const char *lsw_vtep_ip(const struct nlattr *ip, const struct nlattr *ip6,
			char *buf);
const char *lsw_mac_attr(const struct nlattr *attr, char *buf);

#endif /* LSW_H */
