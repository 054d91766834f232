"""LinkChecker's command line, minus its switch to the 'nobody' user.

Run as root, LinkChecker 10.6 reads its config and then changes its effective user to
'nobody'. Modules it imports after that, its anchor check among them, load from this
checkout's venv; when 'nobody' cannot enter the checkout (a clone made with
`mktemp -d` is mode 0700, as CI's may be), they fail to load and every #fragment
passes unchecked. The gates' self-test caught this. The gates only ever point
LinkChecker at a copy of the site served on 127.0.0.1, so it runs as the caller.
"""

import sys

from linkcheck.command import linkchecker as command

command.drop_privileges = lambda: None

if __name__ == "__main__":
    sys.exit(command.linkchecker())
