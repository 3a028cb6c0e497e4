"""Runs a connector-py twin with `--use-proxy` against a proxy of our
choosing: the reference's proxy mode as its CLI runs it, but for where the
proxy and its token come from, which it asks Lumos-internal services for.
Here they come from LUMOS_PROXY_URL and LUMOS_PROXY_TOKEN, as the framework
reads them.

    python proxied.py path/to/twin.py validate_credentials --use-proxy --json '{...}'
"""

import os
import runpy
import sys

from connector.utils import proxy_utils

proxy_utils.get_proxy_url = lambda: os.environ["LUMOS_PROXY_URL"]
proxy_utils.get_proxy_token_sync = lambda: proxy_utils.ProxyToken(token=os.environ["LUMOS_PROXY_TOKEN"])

twin = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(twin, run_name="__main__")
