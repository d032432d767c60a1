"""``python -m pulumi_kuma`` runs the ``pulumi-kuma`` command."""

import sys

from pulumi_kuma.cli.main import main

sys.exit(main())
