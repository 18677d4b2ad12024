#!/usr/bin/python3
"""RFM with pandas: the comparison side of `seg rfm` (see docs/performance.md).

Reads a transaction log in the UCI Online Retail layout (InvoiceNo, StockCode, Description, Quantity,
InvoiceDate, UnitPrice, CustomerID, Country; InvoiceDate M/d/yyyy H:mm), applies the cleaning rules of
`seg clean` / `seg rfm`, computes recency, frequency and monetary per customer and scores them 1-5, and
writes rfm.csv (customer_id,recency_days,frequency,monetary,r_score,f_score,m_score; sorted by customer id).
Prints one JSON line with the time of each phase.

Cleaning rules (the same as lib/Segmentation/Data/Cleaning; a line is taken by the first that applies, but only
the clean lines matter for RFM, so the order does not change the result):
  unparseable   malformed lines (too many fields: skipped by the CSV reader; too few fields: see below), empty
                InvoiceNo, InvoiceDate, Quantity or UnitPrice, or one that does not parse
  missing id    CustomerID empty (after trimming)
  duplicates    identical to an earlier line in every mapped column (all but Description, as read); first kept
  returns       negative quantity, or InvoiceNo starting with "C" (set aside)
  non-positive  quantity or unit price <= 0
  window        timestamp outside [1990-01-01, 2100-01-01)
Duplicates are dropped after the other rules here: two identical lines get the same verdict from every rule, so
dropping them last keeps the same clean lines and is cheaper.

pandas' C parser pads a line with too few fields with empty strings, which cannot be told apart from an empty last
field; the generator never writes an empty Country on a well-formed line, so a line whose Country is empty is taken
as malformed (DuckDB's reader rejects short lines).

RFM: as-of = the day after the date of the last clean timestamp; recency = days from the date of the customer's last
purchase to as-of; frequency = distinct invoices; monetary = sum of quantity x unit price, computed exactly in
integers (1/10000 of the currency unit) so that ties are real ties. Scores: customers sorted by id (ordinal), then
pandas.qcut(x.rank(method='first'), 5, labels=1..5); recency reversed (6 - bin, so 5 = most recent).

Run with Debian's Python: /usr/bin/python3 rfm_pandas.py --input transactions.csv --out DIR
"""
import argparse
import json
import os
import sys
import time

try:
    import numpy as np
    import pandas as pd
except ImportError as error:  # say what to install, never install silently
    sys.exit(f"rfm_pandas.py: cannot import {error.name}; install Debian's packages with "
             f"`apt-get install python3-pandas` and run this script with /usr/bin/python3")

COLUMNS = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
# The formats `seg` tries: the preset's first, then ISO 8601, then its defaults.
TIMESTAMP_FORMATS = ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S",
                     "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
                     "%m/%d/%Y", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"]
EARLIEST = pd.Timestamp("1990-01-01")
LATEST = pd.Timestamp("2100-01-01")
PRICE_SCALE = 10_000  # unit prices have at most four decimals (DECIMAL(18,4) on our side)


# The workspace layout (`seg generate --layout workspace`): its columns under the online-retail names used below; the
# last column (city) stands for Country in the short-line check, and every column counts for duplicates.
WORKSPACE = {"order_id": "InvoiceNo", "product_id": "StockCode", "quantity": "Quantity", "timestamp": "InvoiceDate",
             "unit_price": "UnitPrice", "customer_id": "CustomerID", "city": "Country"}
WORKSPACE_COLUMNS = ["customer_id", "order_id", "timestamp", "product_id", "category", "quantity", "unit_price",
                     "channel", "brand_origin", "price_tier", "country", "city"]


def load(path, layout="online-retail"):
    # Every column as text so that a bad number cannot fail the read; low-cardinality text as categories.
    expected = COLUMNS if layout == "online-retail" else WORKSPACE_COLUMNS
    dtypes = {c: str for c in expected}
    if layout == "online-retail":
        dtypes.update({"StockCode": "category", "Description": "category", "Country": "category"})
    else:
        dtypes.update({c: "category" for c in ["product_id", "category", "channel", "brand_origin", "price_tier", "country", "city"]})
    frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, on_bad_lines="skip", engine="c")
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        sys.exit(f"rfm_pandas.py: {path}: missing columns {', '.join(missing)}; expected the {layout} layout")
    if layout == "online-retail":
        return frame.drop(columns="Description")
    return frame.rename(columns=WORKSPACE)


def timestamp_formats(layout):
    """The order `seg` tries: the online-retail preset's formats first; the workspace preset has none (ISO 8601 first)."""
    return TIMESTAMP_FORMATS if layout == "online-retail" else TIMESTAMP_FORMATS[2:] + TIMESTAMP_FORMATS[:2]


def parse_timestamps(text, formats=TIMESTAMP_FORMATS):
    ts = pd.to_datetime(text, format=formats[0], errors="coerce", cache=True)
    for fmt in formats[1:]:
        retry = ts.isna() & (text != "")
        if not retry.any():
            break
        ts[retry] = pd.to_datetime(text[retry], format=fmt, errors="coerce")
    return ts


def clean(frame, formats=TIMESTAMP_FORMATS):
    invoice = frame["InvoiceNo"].str.strip()
    customer = frame["CustomerID"].str.strip()
    quantity = pd.to_numeric(frame["Quantity"], errors="coerce")
    price = pd.to_numeric(frame["UnitPrice"], errors="coerce")
    ts = parse_timestamps(frame["InvoiceDate"], formats)
    unparseable = (invoice == "") | ts.isna() | quantity.isna() | price.isna() | (frame["Country"] == "")
    dropped = (unparseable | (customer == "")
               | (quantity < 0) | invoice.str.startswith("C")
               | (quantity <= 0) | (price <= 0)
               | (ts < EARLIEST) | (ts >= LATEST))
    keep = ~dropped.to_numpy()
    duplicate = frame[keep].duplicated(subset=[c for c in frame.columns if c != "Description"], keep="first").to_numpy()
    rows = np.flatnonzero(keep)[~duplicate]

    q = quantity.to_numpy()[rows]
    if not np.array_equal(q, np.floor(q)):
        sys.exit("rfm_pandas.py: fractional quantities; this script sums money exactly only for whole quantities")
    cents = np.rint(price.to_numpy()[rows] * PRICE_SCALE).astype(np.int64)
    return pd.DataFrame({
        "customer_id": customer.to_numpy()[rows],
        "invoice": invoice.to_numpy()[rows],
        "ts": ts.to_numpy()[rows],
        "amount": q.astype(np.int64) * cents,
    })


def rfm(lines):
    as_of = lines["ts"].max().normalize() + pd.Timedelta(days=1)
    orders = lines.groupby(["customer_id", "invoice"], sort=False).agg(last=("ts", "max"), amount=("amount", "sum"))
    per = orders.groupby(level="customer_id", sort=False).agg(
        last=("last", "max"), frequency=("amount", "size"), monetary=("amount", "sum"))
    per = per.sort_index()  # Python's string order is ordinal: the tie order of the ranks below
    per["recency_days"] = (as_of - per["last"].dt.normalize()).dt.days
    return per, as_of


def scores(per):
    def quintile(values):
        return pd.qcut(values.rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
    per["r_score"] = 6 - quintile(per["recency_days"])
    per["f_score"] = quintile(per["frequency"])
    per["m_score"] = quintile(per["monetary"])
    return per


def money(units):
    """Exact decimal text of an amount in 1/10000: at least two decimals, trailing zeros dropped beyond them."""
    whole, fraction = divmod(int(units), PRICE_SCALE)
    text = f"{whole}.{fraction:04d}"
    return text[:-2] + text[-2:].rstrip("0") if text.endswith("00") else text.rstrip("0")


def write(per, directory):
    os.makedirs(directory, exist_ok=True)
    out = pd.DataFrame({
        "customer_id": per.index,
        "recency_days": per["recency_days"].to_numpy(),
        "frequency": per["frequency"].to_numpy(),
        "monetary": [money(v) for v in per["monetary"].to_numpy()],
        "r_score": per["r_score"].to_numpy(),
        "f_score": per["f_score"].to_numpy(),
        "m_score": per["m_score"].to_numpy(),
    })
    out.to_csv(os.path.join(directory, "rfm.csv"), index=False, lineterminator="\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True, help="transactions.csv in the online-retail layout")
    parser.add_argument("--out", required=True, help="directory for rfm.csv")
    parser.add_argument("--layout", default="online-retail", choices=["online-retail", "workspace"])
    args = parser.parse_args()

    times = {}

    def timed(name, step, *step_args):
        wall, cpu = time.perf_counter(), time.process_time()
        result = step(*step_args)
        times[name + "_s"] = time.perf_counter() - wall
        times[name + "_cpu_s"] = time.process_time() - cpu
        return result

    frame = timed("load", load, args.input, args.layout)
    rows_in = len(frame)
    lines = timed("clean", clean, frame, timestamp_formats(args.layout))
    del frame
    per, as_of = timed("rfm", rfm, lines)
    per = timed("scores", scores, per)
    timed("write", write, per, args.out)

    print(json.dumps({"rows_read": rows_in, "clean_lines": len(lines), "customers": len(per),
                      "as_of": as_of.strftime("%Y-%m-%d"), "pandas": pd.__version__,
                      **{k: round(v, 3) for k, v in times.items()}}))


if __name__ == "__main__":
    main()
