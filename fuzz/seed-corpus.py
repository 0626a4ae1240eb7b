#!/usr/bin/env python3
"""Writes the seeds of the fuzz corpus (fuzz/corpus/<target>/seed-*).

- json_path: the recorded response of every venue the presets and the price server know, at the
  path a feed reads, and the hostile shapes the worker refuses (truncated, trailing garbage,
  duplicate keys, deep nesting).
- decimal: every number those responses quote, under a few decimals and transforms.
- aggregation: the venues' prices together, with an outlier, under each source aggregation.
- feed_config: every feed of the `development`, `local` and `live` chain specs (those that have
  feeds), SCALE-encoded
  as the chain stores them (read from `oracle-node build-spec --chain <name> --raw`).

Usage: fuzz/seed-corpus.py <path to oracle-node>
"""

import json
import os
import re
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

# Recorded responses of real venues (the shapes of docs' exchange formats), with their paths.
VENUES = [
    ("price", '{"symbol":"BTCUSDT","price":"98234.51000000"}'),
    ("data.amount", '{"data":{"amount":"98234.5","base":"BTC","currency":"USD"}}'),
    (
        "result.XXBTZUSD.c[0]",
        '{"error":[],"result":{"XXBTZUSD":{"a":["98235.1","1","1.000"],"b":["98234.8","2",'
        '"2.000"],"c":["98234.9","0.0005"],"v":["1","2"],"p":["1","2"],"t":[1,2],"l":["1","2"],'
        '"h":["1","2"],"o":"97000.0"}}}',
    ),
    (
        "last",
        '{"timestamp":"1732100000","open":"97000","high":"99000","low":"96000","last":"98234",'
        '"volume":"1234.5","vwap":"98000","bid":"98233","ask":"98235"}',
    ),
    (
        "data[0].last",
        '{"code":"0","msg":"","data":[{"instType":"SPOT","instId":"BTC-USDT","last":"98234.5",'
        '"askPx":"98234.6","bidPx":"98234.4","ts":"1732100000000"}]}',
    ),
    (
        "data.price",
        '{"code":"200000","data":{"time":1732100000000,"sequence":"1","price":"98234.5",'
        '"size":"0.01","bestBid":"98234.4","bestAsk":"98234.6"}}',
    ),
    (
        "[0].last",
        '[{"currency_pair":"BTC_USDT","last":"98234.5","lowest_ask":"98234.6",'
        '"highest_bid":"98234.4"}]',
    ),
    (
        "result.list[0].lastPrice",
        '{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[{"symbol":"BTCUSDT",'
        '"lastPrice":"98234.5","bid1Price":"98234.4","ask1Price":"98234.6"}]},"time":1732100000000}',
    ),
    ("bitcoin.usd", '{"bitcoin":{"usd":98234.12}}'),
    (
        "tick.close",
        '{"ch":"market.btcusdt.detail.merged","status":"ok","ts":1732100000000,"tick":{"open":'
        '97000.0,"close":98234.5,"low":96000.0,"high":99000.0,"bid":[98234.4,1.0],"ask":'
        '[98234.6,1.0]}}',
    ),
    (
        "result.data[0].a",
        '{"id":-1,"method":"public/get-tickers","code":0,"result":{"data":[{"i":"BTC_USDT",'
        '"h":"99000","l":"96000","a":"98234.5","b":"98234.4","k":"98234.6","t":1732100000000}]}}',
    ),
    ("ethereum.usd", '{"ethereum":{"usd":3456.789,"usd_24h_change":-1.25e-1}}'),
    ("data.rates.USD", '{"data":{"currency":"BTC","rates":{"USD":"98234.505","EUR":"9.1e4"}}}'),
]

HOSTILE = [
    ("price", '{"price":98'),
    ("price", '{"price":"98234.5"} trailing'),
    ("price", '{"price":"1","price":"2"}'),
    ("price", '{"pr\\u0069ce":"1","price":"2"}'),
    ("a[0][0][0]", '{"a":[[[' + '"7"' + "]]]}"),
    ("x", '{"x":' + "[" * 60 + "]" * 60 + "}"),
    ("p", '{"p":"\\u00e9\\n\\"","q":1}'),
    ("p", '{"q":{"r":[1,2,{"s":null}]},"p":-0.0e-0}'),
    ("p", '  {  "p"  :  1E+308  }  '),
    ("p", '{"p":true}'),
]

NUMBERS = [
    "98234.51000000", "98234.5", "98234.12", "98234", "0.0005", "1732100000000", "-1.25e-1",
    "9.1e4", "2.134e-05", "1E+3", "-0.0", "170141183460469231731687303715884105727",
    "-170141183460469231731687303715884105728", "0.5", "1.5", "2.5", " 42 ", "1e-19", "NaN",
    "Infinity", "0x10", "", "-", "1.2.3",
]

PRICES = [98234.51, 98234.5, 98234.9, 98234, 98234.5, 98234.5, 98234.5, 98234.5, 98234.12]


def write(target, name, data):
    directory = os.path.join(CORPUS, target)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "seed-" + name), "wb") as f:
        f.write(data)


# xxHash64, for the storage keys of the raw chain specs (twox128 = two xxh64 with seeds 0, 1).
P1, P2, P3, P4, P5 = (
    11400714785074694791, 14029467366897019727, 1609587929392839161, 9650029242287828579,
    2870177450012600261,
)
M = (1 << 64) - 1


def rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M


def xxh64(data, seed):
    def rnd(acc, lane):
        return (rotl((acc + lane * P2) & M, 31) * P1) & M

    n, i = len(data), 0
    if n >= 32:
        v = [(seed + P1 + P2) & M, (seed + P2) & M, seed, (seed - P1) & M]
        while i + 32 <= n:
            for j in range(4):
                v[j] = rnd(v[j], struct.unpack_from("<Q", data, i + 8 * j)[0])
            i += 32
        h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18)) & M
        for x in v:
            h = ((h ^ rnd(0, x)) * P1 + P4) & M
    else:
        h = (seed + P5) & M
    h = (h + n) & M
    while i + 8 <= n:
        h = (rotl(h ^ rnd(0, struct.unpack_from("<Q", data, i)[0]), 27) * P1 + P4) & M
        i += 8
    if i + 4 <= n:
        h = (rotl(h ^ (struct.unpack_from("<I", data, i)[0] * P1 & M), 23) * P2 + P3) & M
        i += 4
    while i < n:
        h = (rotl(h ^ (data[i] * P5 & M), 11) * P1) & M
        i += 1
    h = ((h ^ (h >> 33)) * P2) & M
    h = ((h ^ (h >> 29)) * P3) & M
    return h ^ (h >> 32)


def twox128(data):
    return struct.pack("<QQ", xxh64(data, 0), xxh64(data, 1))


def main():
    node = sys.argv[1] if len(sys.argv) > 1 else None
    for index, (path, body) in enumerate(VENUES):
        write("json_path", f"venue-{index}", f"{path}\n{body}".encode())
    for index, (path, body) in enumerate(HOSTILE):
        write("json_path", f"hostile-{index}", f"{path}\n{body}".encode())
    for index, number in enumerate(NUMBERS):
        for decimals, shift, invert in [(8, 0, 0), (0, 2, 0), (18, 256 - 3, 1)]:
            header = bytes([decimals, shift, invert])
            write("decimal", f"{index}-{decimals}-{shift}-{invert}", header + number.encode())
    for method in range(3):
        for deviation in (10_000, 500, 0, 1_000_000):
            prices = [round(p * 10**8) for p in PRICES] + [99_000 * 10**8]
            seed = bytes([len(prices) - 1, 3]) + struct.pack("<I", deviation) + bytes([method, 8])
            for index, price in enumerate(prices):
                seed += bytes([index % 2, index]) + price.to_bytes(16, "little", signed=True)
            write("aggregation", f"venues-{method}-{deviation}", seed)
    if node:
        written = 0
        prefix = (twox128(b"OracleAggregation") + twox128(b"Feeds")).hex()
        for chain in ("dev", "local", "live"):
            spec = subprocess.run(
                [node, "build-spec", "--chain", chain, "--raw"],
                check=True, capture_output=True,
            ).stdout
            top = json.loads(spec)["genesis"]["raw"]["top"]
            feeds = sorted(v for k, v in top.items() if k[2:].startswith(prefix))
            written += len(feeds)
            for index, value in enumerate(feeds):
                write("feed_config", f"{chain}-{index}", bytes.fromhex(value[2:]))
        if written == 0:
            sys.exit("no feeds in the chain specs")


if __name__ == "__main__":
    main()
