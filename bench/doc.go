// Package bench holds the provider's benchmarks (see README.md in this directory):
//
//   - `make bench` runs bench/cmd/benchdriver, which drives the real Terraform CLI
//     against the standalone emulator and prints one table;
//   - bench_test.go has the Go micro-benchmarks of the hot paths (go test -bench . ./bench/);
//   - tracelog_test.go is an acceptance test (TF_ACC=1) that checks that TF_LOG=TRACE
//     still brings the provider's and the Databricks SDK's lines into Terraform's log,
//     without secrets.
package bench
