package resources_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
)

var compareEqual = compare.ValuesSame()

// captureID stores the id of addr after a step, for out-of-band changes later.
func captureID(addr string, dst *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		*dst = rs.Primary.ID
		return nil
	}
}

// currentCustomAppID returns the id of the only custom app on the emulator.
func currentCustomAppID(tg *acctest.Target) string {
	apps := tg.Emulator.CustomApps()
	if len(apps) != 1 {
		return ""
	}
	return apps[0].IntegrationID
}

// checkCustomAppsDestroyed asserts that destroy left no custom app behind.
func checkCustomAppsDestroyed(tg *acctest.Target) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if tg.Emulator == nil {
			return nil
		}
		if apps := tg.Emulator.CustomApps(); len(apps) != 0 {
			return fmt.Errorf("%d custom app integrations left after destroy", len(apps))
		}
		return nil
	}
}

// as returns v as a T, and fails the test when it is not one.
func as[T any](tb testing.TB, v any) T {
	tb.Helper()
	x, ok := v.(T)
	if !ok {
		tb.Fatalf("%v (%T) is not a %T", v, v, x)
	}
	return x
}
