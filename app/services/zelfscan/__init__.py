"""The zelfscan, the benchmark across organisations and the benchmark report."""
