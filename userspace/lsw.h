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
struct lsw_table;

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

	/* The table whose command runs (entry.c). */
	const struct lsw_table *table;
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
 * The commands of a table (entry.c): each table's descriptor names the
 * request each one makes.
 */
enum lsw_op {
	LSW_OP_ADD,
	LSW_OP_REPLACE,
	LSW_OP_DEL,
	LSW_OP_GET,
	LSW_OP_SHOW,
	LSW_OP_FLUSH,
	LSW_OP_NR
};

/*
 * An entry of an object or command table, ended by an empty entry.
 * run() is told the entry it runs for, and so its operation (@op) or
 * the table it is about (@table).  A NULL run() means "help": print the
 * usage on stdout and succeed.  Entries that differ only by their name
 * are aliases of each other.
 */
struct lsw_verb {
	const char *name;
	int (*run)(struct lsw_ctx *ctx, const struct lsw_verb *verb);
	void (*usage)(FILE *fp);
	enum lsw_op op;
	const struct lsw_table *table;
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
/* A multicast group: its name, and its id from lsw_nl_genl_group(). */
struct lsw_nl_group {
	const char *name;
	uint32_t id;
};

int lsw_nl_listen(struct lsw_ctx *ctx, const struct lsw_nl_group *groups,
		  unsigned int n, mnl_cb_t cb, void *data);
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
 * entry.c: the three tables (VTEP, MAC, ARP), each described by one
 * struct lsw_table in its own file; and what they share with lsw
 * monitor and lsw stats.
 *
 * The columns of the tables "show" prints, in the NSX style: the device
 * first, then the entry's own, the last one unpadded.
 */
#define LSW_COL_VNI	"%-8u "
#define LSW_COL_DEV	"%-15s "
#define LSW_COL_MAC	"%-17s "
#define LSW_COL_IP	"%-15s "
#define LSW_COL_FLAGS	"%-9s "
#define LSW_HDR_DEV	"VNI      DEV             "

/* What a field of an entry is, as typed and as shown. */
enum lsw_field_type {
	LSW_FIELD_IP,		/* @attr, or @attr6 if IPv6 */
	LSW_FIELD_MAC,
	LSW_FIELD_DEV,		/* an ifindex */
	LSW_FIELD_U32,		/* a number, @min..@max */
	LSW_FIELD_FLAGS,	/* LSW_ENTRY_F_*: typed "learned", or not */
	LSW_FIELD_AGE,		/* shown, never typed */
	LSW_FIELD_REASON,	/* an LSW_STATS_A_*: shown by its name */
	LSW_FIELD_BIT,		/* bit @min of u32 @attr: typed as @word
				 * alone, shown as true or false
				 */
};

/*
 * One field of an entry: typed after its keyword @word by add and
 * replace, and shown as @key in JSON, with format @col in the table of
 * show and get, and with format @event in an event line of lsw monitor.
 * The key of the entry comes first, typed without a keyword: its @word
 * is what the messages call it.
 */
struct lsw_field {
	const char *word;
	enum lsw_field_type type;
	uint16_t attr;
	uint16_t attr6;
	const char *key;
	const char *col;
	const char *event;
	uint32_t min;		/* LSW_FIELD_U32 */
	uint32_t max;
};

/*
 * The largest LSW_*_A_MAX of the tables' nests (entry.c checks); and so
 * the most fields an entry has, as each has an attribute of its own.
 */
#define LSW_ENTRY_A_MAX	LSW_MAC_A_MAX

/* The filter words a table's show and flush take: a mask. */
enum {
	LSW_FILTER_FLAGS = 1,	/* static, learned */
	LSW_FILTER_PORT = 2,	/* port PORTDEV */
	LSW_FILTER_VTEP = 4,	/* vtep IP */
	LSW_FILTER_FAMILY = 8,	/* show only: -4, -6 (the key's family) */
};

/* The request a command makes. */
struct lsw_request {
	uint8_t cmd;
	uint16_t flags;
};

/* One table: what it has of its own; entry.c does the rest. */
struct lsw_table {
	const char *name;	/* the object */
	uint16_t nest;		/* LSW_A_VTEP, LSW_A_MAC or LSW_A_ARP */
	uint8_t ntf;		/* its notifications' command */
	struct lsw_request req[LSW_OP_NR];	/* each command's */
	const struct lsw_field *fields;
	unsigned int n_fields;
	const char *header;	/* the text table's first line */
	/* What "... is required" calls a missing key, a missing dev. */
	const char *key_required;
	const char *dev_required;
	unsigned int filter;	/* LSW_FILTER_* */
	/*
	 * NULL, or whether the fields typed for add and replace (bit i:
	 * fields[i]) go together: 0, or -1 after saying why not.
	 */
	int (*check)(unsigned int given);
};

extern const struct lsw_table lsw_vtep_table;
extern const struct lsw_table lsw_mac_table;
extern const struct lsw_table lsw_arp_table;

/* The lsw device a reply or a notification is about. */
struct lsw_entry_dev {
	uint32_t ifindex;
	uint32_t vni;
	const char *ifname;	/* from the message, or looked up */
	char buf[16];		/* IFNAMSIZ */
};

int lsw_entry_main(struct lsw_ctx *ctx, const struct lsw_verb *verb);
void lsw_entry_parse(const struct nlmsghdr *nlh, const struct nlattr **tb);
void lsw_entry_dev_get(const struct nlattr **tb, struct lsw_entry_dev *d);
void lsw_entry_print_dev(const struct lsw_entry_dev *d, bool table);
void lsw_entry_print(const struct lsw_table *t, const struct nlattr *nest,
		     bool table);

/* Objects: one file each, listed in lsw.c's object table. */
int lsw_link_main(struct lsw_ctx *ctx, const struct lsw_verb *verb);
void lsw_link_usage(FILE *fp);
int lsw_port_main(struct lsw_ctx *ctx, const struct lsw_verb *verb);
void lsw_port_usage(FILE *fp);
void lsw_port_print(const struct nlmsghdr *nlh);
void lsw_vtep_usage(FILE *fp);
void lsw_mac_usage(FILE *fp);
void lsw_arp_usage(FILE *fp);
int lsw_stats_main(struct lsw_ctx *ctx, const struct lsw_verb *verb);
void lsw_stats_usage(FILE *fp);
int lsw_monitor_main(struct lsw_ctx *ctx, const struct lsw_verb *verb);
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
const char *lsw_stats_name(uint32_t type);

#endif /* LSW_H */
