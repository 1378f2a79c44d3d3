#!/usr/bin/env python3
"""Writes a Shopify product CSV with N products of 3 variants each to stdout.

usage: gen_products_csv.py [N]
"""
import csv
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Published",
              "Option1 Name", "Option1 Value", "Variant SKU", "Variant Grams",
              "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy",
              "Variant Price", "Variant Compare At Price", "Variant Requires Shipping",
              "Variant Taxable", "Status"])
for i in range(count):
    handle = f"bench-product-{i}"
    for v, size in enumerate(["S", "M", "L"]):
        first = v == 0
        out.writerow([
            handle,
            f"Bench Product {i}" if first else "",
            f"<p>Generated product number {i}, soft cotton.</p>" if first else "",
            f"Vendor {i % 50}" if first else "",
            f"Type {i % 20}" if first else "",
            f"bench, group-{i % 10}" if first else "",
            "TRUE" if first else "",
            "Size" if first else "",
            size,
            f"SKU-{i}-{size}",
            200 + v * 10,
            "shopify",
            10 + v,
            "deny",
            f"{19 + v}.{i % 100:02d}",
            "" if v else f"{29 + v}.00",
            "TRUE",
            "TRUE",
            "active" if first else "",
        ])
