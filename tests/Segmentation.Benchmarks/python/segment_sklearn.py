#!/usr/bin/python3
"""The segmentation pipeline with pandas + scikit-learn: the comparison side of `seg segment` (docs/performance.md).

Load and clean as rfm_pandas.py does (the rules of `seg clean`), then per customer the transaction-log features `seg
segment` clusters on without a customer table (recency_days, frequency, monetary, tenure_days), each log1p-transformed
and z-scored; a k-scan (k = 2..10, KMeans(n_init=10), silhouette on a sample, Calinski-Harabasz, Davies-Bouldin), the
fit at the k of the best silhouette, bootstrap stability (B replicates of at most --stability-sample rows drawn with
replacement, KMeans(n_init=3), best Jaccard per original cluster) and a per-segment profile (means and sizes). No CLV:
neither pandas nor scikit-learn fits BG/NBD.

Each phase is announced on stderr as `phase: NAME` when it starts (the benchmark times phases and samples memory
between these lines); one JSON line on stdout at the end holds the figures.

Run with Debian's Python: /usr/bin/python3 segment_sklearn.py --input transactions.csv --out DIR [--layout online-retail|workspace]
"""
import argparse
import json
import os
import sys
import time

try:
    import numpy as np
    import pandas as pd
    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
except ImportError as error:  # say what to install, never install silently
    sys.exit(f"segment_sklearn.py: cannot import {error.name}; install Debian's packages with "
             f"`apt-get install python3-pandas python3-sklearn` and run this script with /usr/bin/python3")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rfm_pandas  # noqa: E402  (the same load and cleaning rules)


def phase(name):
    print(f"phase: {name}", file=sys.stderr, flush=True)


def features(lines):
    as_of = lines["ts"].max().normalize() + pd.Timedelta(days=1)
    day = lines["ts"].dt.normalize()
    orders = lines.assign(day=day).groupby(["customer_id", "invoice"], sort=False).agg(
        first=("day", "min"), last=("day", "max"), amount=("amount", "sum"))
    per = orders.groupby(level="customer_id", sort=False).agg(
        first=("first", "min"), last=("last", "max"), frequency=("amount", "size"), monetary=("amount", "sum"))
    per = per.sort_index()
    table = pd.DataFrame({
        "recency_days": (as_of - per["last"]).dt.days.to_numpy(np.float64),
        "frequency": per["frequency"].to_numpy(np.float64),
        "monetary": per["monetary"].to_numpy(np.float64) / rfm_pandas.PRICE_SCALE,
        "tenure_days": (as_of - per["first"]).dt.days.to_numpy(np.float64),
    }, index=per.index)
    x = np.log1p(table.clip(lower=0).to_numpy())
    x = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    return table, x


def kscan(x, kmin, kmax, seed, silhouette_sample):
    rows = []
    for k in range(kmin, kmax + 1):
        model = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x)
        labels = model.labels_
        rows.append({
            "k": k, "inertia": float(model.inertia_),
            "silhouette": float(silhouette_score(x, labels, sample_size=min(silhouette_sample, len(x)), random_state=seed)),
            "calinski_harabasz": float(calinski_harabasz_score(x, labels)),
            "davies_bouldin": float(davies_bouldin_score(x, labels)),
        })
    return rows


def stability(x, labels, k, replicates, sample, seed):
    rng = np.random.default_rng(seed)
    n = len(x)
    m = min(n, sample)
    sums = np.zeros(k)
    for b in range(replicates):
        idx = rng.integers(0, n, m)
        rep = KMeans(n_clusters=k, n_init=3, random_state=seed + b).fit(x[idx]).labels_
        orig = labels[idx]
        table = pd.crosstab(orig, rep).to_numpy()
        sizes_o = table.sum(axis=1, keepdims=True)
        sizes_r = table.sum(axis=0, keepdims=True)
        jaccard = table / (sizes_o + sizes_r - table)
        best = np.zeros(k)
        best[:jaccard.shape[0]] = jaccard.max(axis=1)
        sums += best
    return (sums / replicates).tolist()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--layout", default="online-retail", choices=["online-retail", "workspace"])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--silhouette-sample", type=int, default=5000)
    parser.add_argument("--replicates", type=int, default=20)
    parser.add_argument("--stability-sample", type=int, default=20000)
    args = parser.parse_args()
    times = {}
    watch = [time.perf_counter()]

    def done(name):
        now = time.perf_counter()
        times[name + "_s"] = round(now - watch[0], 3)
        watch[0] = now

    phase("load")
    frame = rfm_pandas.load(args.input, args.layout)
    rows_in = len(frame)
    done("load")
    phase("clean")
    lines = rfm_pandas.clean(frame, rfm_pandas.timestamp_formats(args.layout))
    del frame
    done("clean")
    phase("features")
    table, x = features(lines)
    del lines
    done("features")
    phase("kscan")
    scan = kscan(x, 2, 10, args.seed, args.silhouette_sample)
    k = max(scan, key=lambda r: r["silhouette"])["k"]
    done("kscan")
    phase("fit")
    labels = KMeans(n_clusters=k, n_init=10, random_state=args.seed).fit(x).labels_
    done("fit")
    phase("stability")
    jaccard = stability(x, labels, k, args.replicates, args.stability_sample, args.seed)
    done("stability")
    phase("profile")
    profile = table.assign(segment=labels).groupby("segment").agg(["mean", "median", "size"])
    os.makedirs(args.out, exist_ok=True)
    profile.to_csv(os.path.join(args.out, "profile.csv"))
    pd.DataFrame({"customer_id": table.index, "segment": labels}).to_csv(
        os.path.join(args.out, "assignments.csv"), index=False, lineterminator="\n")
    done("profile")
    print(json.dumps({"rows_read": rows_in, "customers": len(table), "k": k, "jaccard": [round(j, 3) for j in jaccard],
                      "pandas": pd.__version__, "sklearn": sklearn.__version__, **times}))


if __name__ == "__main__":
    main()
