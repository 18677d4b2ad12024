"""Reference values for the Segmentation.Validation tests, computed independently with
scikit-learn and SciPy (Debian packages). Run with /usr/bin/python3 from this folder:

    /usr/bin/python3 make_reference.py > reference_values.csv

It writes dataset.csv (200 rows, fixed seed) and prints one line per metric value."""
import csv
import sys

import numpy as np
import scipy
import scipy.stats
import sklearn
from sklearn import metrics

rng = np.random.RandomState(20240601)
n = 200
centers = np.array([[0.0, 0.0, 0.0, 0.0], [4.0, 1.0, -2.0, 3.0], [-3.0, 5.0, 2.0, -1.0]])
truth = rng.randint(0, 3, size=n)
x = centers[truth] + rng.normal(scale=[1.5, 1.0, 2.0, 0.7], size=(n, 4))
# The fourth feature is rounded to whole numbers so that the Kruskal–Wallis test sees ties.
x[:, 3] = np.round(x[:, 3])
# A noisy clustering with four labels: 20 % of rows moved to a random label in 0..3.
predicted = truth.copy()
moved = rng.rand(n) < 0.2
predicted[moved] = rng.randint(0, 4, size=moved.sum())
# The true labels with one row alone in its own cluster (label 9): a singleton cluster.
singleton = truth.copy()
singleton[17] = 9

with open("dataset.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["x1", "x2", "x3", "x4", "truth", "predicted", "singleton"])
    for i in range(n):
        w.writerow([repr(float(v)) for v in x[i]] + [int(truth[i]), int(predicted[i]), int(singleton[i])])

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["metric", "labels", "value"])
for name in ["truth", "predicted", "singleton"]:
    labels = {"truth": truth, "predicted": predicted, "singleton": singleton}[name]
    out.writerow(["silhouette", name, repr(float(metrics.silhouette_score(x, labels)))])
    out.writerow(["calinski_harabasz", name, repr(float(metrics.calinski_harabasz_score(x, labels)))])
    out.writerow(["davies_bouldin", name, repr(float(metrics.davies_bouldin_score(x, labels)))])
for name, labels in [("predicted", predicted), ("singleton", singleton)]:
    out.writerow(["adjusted_rand", name, repr(float(metrics.adjusted_rand_score(truth, labels)))])
    out.writerow(["normalized_mutual_info", name, repr(float(metrics.normalized_mutual_info_score(truth, labels)))])
    out.writerow(["adjusted_mutual_info", name, repr(float(metrics.adjusted_mutual_info_score(truth, labels)))])
for name, labels in [("truth", truth), ("predicted", predicted)]:
    for j in range(4):
        groups = [x[labels == g, j] for g in np.unique(labels)]
        h, p = scipy.stats.kruskal(*groups)
        out.writerow([f"kruskal_h_x{j + 1}", name, repr(float(h))])
        out.writerow([f"kruskal_p_x{j + 1}", name, repr(float(p))])
