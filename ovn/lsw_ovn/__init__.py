# SPDX-License-Identifier: GPL-2.0
"""lsw-ovn: an OVN chassis agent for lsw logical switches.

One concept per module:
  kernel     the kernel, through the lsw tool (and ip for up and ifalias)
  southbound the OVN Southbound database: connection, schema, indexes,
             the registration of this chassis
  desired    what the tables of each switch should hold, from the database
  agent      the reconciliation: switches, port keys, table differences,
             claims and releases, and what happens on (re)connection
"""

VERSION = "0.1"
