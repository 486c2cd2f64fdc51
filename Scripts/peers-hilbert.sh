#!/usr/bin/env bash
# Peer for the `hilbert` benchmark suite: BasisGen (PyPI `basisgen`, pure Python, J. C. Criado,
# arXiv:1901.03501), installed into its own virtual environment.
#
#   Scripts/peers-hilbert.sh install          create the venv and install basisgen (idempotent)
#   Scripts/peers-hilbert.sh DIM NF           count SMEFT operators of dimension DIM with NF generations; prints
#                                             one JSON line {"peer":"basisgen","dimension":…,"generations":…,
#                                             "operators":…,"seconds":…} (seconds measured inside Python, after import)
#
# Exit 3 with {"error": …} when basisgen cannot be installed (no network, no python3-venv): the suite then skips it.
# AutoEFT is not run: it needs SageMath (Debian python3-sage, hundreds of packages) and FORM.
set -euo pipefail
VENV=${LAGRANGIFY_PEERS_VENV:-/tmp/lagrangify-peers/venv}

install() {
    if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import basisgen' 2>/dev/null; then return 0; fi
    mkdir -p "$(dirname "$VENV")"
    if ! python3 -m venv "$VENV" >/dev/null 2>&1 || ! "$VENV/bin/pip" install -q 'basisgen==1.0.4' >/dev/null 2>&1; then
        echo '{"error":"basisgen could not be installed (needs python3-venv and PyPI access)"}'
        exit 3
    fi
}

if [ "${1:-}" = "install" ]; then install; echo '{"installed":"basisgen 1.0.4"}'; exit 0; fi
[ $# -eq 2 ] || { echo "usage: $0 install | DIM NF" >&2; exit 64; }
install
exec "$VENV/bin/python" - "$1" "$2" <<'PY'
import json, sys, time
from basisgen.smeft import smeft
dim, nf = int(sys.argv[1]), int(sys.argv[2])
t0 = time.perf_counter()
# Same convention as ours: O and O† separately, every flavour component, EOM and IBP removed.
n = smeft(nf).invariants(dim, ignore_lower_dimension=True).count()
t = time.perf_counter() - t0
print(json.dumps({"peer": "basisgen", "dimension": dim, "generations": nf, "operators": n, "seconds": t}))
PY
