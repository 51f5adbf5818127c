# A clean sample: no findings, and the summary says it did not fail.
.findings == []
.summary == {"findings": 0, "errors": 0, "warnings": 0, "notes": 0, "fail_on": "warning", "failed": false}
