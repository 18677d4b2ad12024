#!/usr/bin/python3
"""k-scan with scikit-learn: the comparison side of KScan.Run (see docs/performance.md).

Reads the standardised feature matrix that the benchmark harness exported (CSV, header, one row per customer,
values written round-trip so both sides cluster identical numbers) and, for k = kmin..kmax, fits
KMeans(n_clusters=k, n_init=N, random_state=seed) and computes silhouette_score (on sample_size rows, or exact),
calinski_harabasz_score and davies_bouldin_score: the same indices KScan.Run computes (the gap statistic is off on
both sides). Prints one JSON line: per-k inertia and indices, and the time of the scan alone (loading excluded).

Run with Debian's Python: /usr/bin/python3 kscan_sklearn.py --matrix matrix.csv --silhouette-sample 10000
"""
import argparse
import json
import sys
import time

try:
    import numpy as np
    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
except ImportError as error:  # say what to install, never install silently
    sys.exit(f"kscan_sklearn.py: cannot import {error.name}; install Debian's packages with "
             f"`apt-get install python3-sklearn` and run this script with /usr/bin/python3")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matrix", required=True, help="standardised matrix, CSV with a header row")
    parser.add_argument("--kmin", type=int, default=2)
    parser.add_argument("--kmax", type=int, default=10)
    parser.add_argument("--n-init", type=int, default=10, help="restarts per k")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--silhouette-sample", type=int, default=0, help="rows in the silhouette sample; 0 = exact")
    args = parser.parse_args()

    start = time.perf_counter()
    x = np.loadtxt(args.matrix, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    load_s = time.perf_counter() - start

    rows = []
    start = time.perf_counter()
    cpu_start = time.process_time()
    for k in range(args.kmin, args.kmax + 1):
        began = time.perf_counter()
        model = KMeans(n_clusters=k, n_init=args.n_init, random_state=args.seed).fit(x)
        fitted = time.perf_counter()
        sample = args.silhouette_sample if 0 < args.silhouette_sample < len(x) else None
        silhouette = silhouette_score(x, model.labels_, sample_size=sample, random_state=args.seed)
        scored = time.perf_counter()
        rows.append({
            "k": k, "inertia": float(model.inertia_), "iterations": int(model.n_iter_), "silhouette": float(silhouette),
            "calinski_harabasz": float(calinski_harabasz_score(x, model.labels_)),
            "davies_bouldin": float(davies_bouldin_score(x, model.labels_)),
            "fit_s": round(fitted - began, 3), "silhouette_s": round(scored - fitted, 3),
        })
    scan_s = time.perf_counter() - start
    scan_cpu_s = time.process_time() - cpu_start

    print(json.dumps({"rows": len(x), "columns": x.shape[1], "sklearn": sklearn.__version__, "numpy": np.__version__,
                      "load_s": round(load_s, 3), "scan_s": round(scan_s, 3), "scan_cpu_s": round(scan_cpu_s, 3), "per_k": rows}))


if __name__ == "__main__":
    main()
