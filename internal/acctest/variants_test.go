package acctest

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/databricksoauth/terraform-provider-databricksoauth/internal/emulator"
)

// Every variant really changes the emulator, keeps its effect in its profile (no
// other variant of the profile undoes it), has a unique name and affects known
// kinds, and every kind runs under more than the default profile.
func TestProfiles(t *testing.T) {
	t.Parallel()
	names := map[string]bool{}
	for _, v := range Variants {
		if names[v.Name] || v.Name == "" || strings.ContainsAny(v.Name, " /=+") {
			t.Errorf("variant name %q is empty, repeated or unusable in a subtest name", v.Name)
		}
		names[v.Name] = true
		for _, k := range v.Affects {
			if !slices.Contains(Kinds, k) {
				t.Errorf("variant %s affects unknown kind %q", v.Name, k)
			}
		}
		if changed(v.Apply) == nil {
			t.Errorf("variant %s changes no emulator option", v.Name)
		}
	}
	for _, p := range Profiles() {
		var all emulator.Options
		p.Apply(&all)
		for _, v := range p.Variants {
			var alone emulator.Options
			v.Apply(&alone)
			for _, f := range changed(v.Apply) {
				if !reflect.DeepEqual(fieldByName(all, f), fieldByName(alone, f)) {
					t.Errorf("profile %s: another variant undoes %s (option %s)", p.Name, v.Name, f)
				}
			}
		}
		// Each profile's options are valid (emulator.New panics otherwise).
		emulator.New(emulator.Options{NoSeed: true, HostType: all.HostType, Variants: all.Variants})
	}
	for _, k := range Kinds {
		if len(ProfilesFor(k)) < 2 {
			t.Errorf("kind %s runs under the default profile only", k)
		}
	}
}

// The subtest names name every variant that affects the kind, and only those.
func TestSubtestNames(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, k := range Kinds {
		for _, p := range ProfilesFor(k) {
			name := p.SubtestName(k)
			for _, v := range p.Variants {
				affects := v.Affects == nil || slices.Contains(v.Affects, k)
				if strings.Contains(name, v.Name) != affects {
					t.Errorf("%s: subtest %q and variant %s (affects it: %v)", k, name, v.Name, affects)
				}
				if affects {
					seen[v.Name] = true
				}
			}
		}
	}
	for _, v := range Variants {
		if !seen[v.Name] {
			t.Errorf("variant %s is named in no subtest", v.Name)
		}
	}
}

// changed returns the names of the (possibly embedded) option fields apply sets.
func changed(apply func(*emulator.Options)) []string {
	var zero, o emulator.Options
	apply(&o)
	var out []string
	var walk func(a, b reflect.Value, prefix string)
	walk = func(a, b reflect.Value, prefix string) {
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(a.Field(i), b.Field(i), prefix)
				continue
			}
			if f.IsExported() && !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
				out = append(out, prefix+f.Name)
			}
		}
	}
	walk(reflect.ValueOf(zero), reflect.ValueOf(o), "")
	return out
}

func fieldByName(o emulator.Options, name string) any {
	return reflect.ValueOf(o).FieldByName(name).Interface()
}
