package resources_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/acctest"
	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

var compareEqual = compare.ValuesSame()

// expectAction is a step's plan check that the plan takes action a on addr.
func expectAction(addr string, a plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, a)}}
}

// expectEmptyPlan is a step's plan check that the plan changes nothing.
var expectEmptyPlan = resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

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
	return tg.ServerHoldsNone("custom app integrations", func(e *emulator.Emulator) int { return len(e.CustomApps()) })
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
