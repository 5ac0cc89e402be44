#!/usr/bin/python3
"""Counts the test cases in every module's Surefire XML reports: prints failures and writes {passed, failed, skipped}."""
import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("repo")
    parser.add_argument("--summary")
    args = parser.parse_args()
    passed = failed = skipped = 0
    failures = []
    for report in sorted(Path(args.repo).glob("**/target/surefire-reports/TEST-*.xml")):
        for case in ET.parse(report).getroot().iter("testcase"):
            bad = case.find("failure")
            if bad is None:
                bad = case.find("error")
            if bad is not None:
                failed += 1
                message = (bad.get("message") or bad.get("type") or "").strip().splitlines()
                failures.append(f"{case.get('classname')}.{case.get('name')}: {message[0][:300] if message else ''}")
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
    for f in failures:
        print("  FAIL " + f)
    print(f"Unit tests: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    if args.summary:
        Path(args.summary).write_text(json.dumps({"passed": passed, "failed": failed, "skipped": skipped}))
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
