# SPDX-License-Identifier: GPL-2.0
#
# The smallest Sphinx setup that builds Documentation/networking/lsw.rst
# as the kernel's own documentation build would read it:
#
#   sphinx-build -W -c Documentation/sphinx Documentation/networking OUTDIR
#
# (selftests/lsw_pkg.sh sphinx_docs does that and fails on any warning).
project = 'lsw'
copyright = 'the lsw authors; GPL-2.0'
root_doc = master_doc = 'lsw'
extensions = []
exclude_patterns = []
highlight_language = 'none'
html_theme = 'alabaster'
html_show_sourcelink = False
