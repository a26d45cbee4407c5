package resources

import (
	"testing"
	"time"
)

func TestCreateWindowContains(t *testing.T) {
	from := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	w := createWindow{from: from, to: from.Add(2 * time.Second)}
	for in, want := range map[string]bool{
		"2024-05-01T12:00:01.000Z":       true,
		"2024-05-01T12:00:00Z":           true,
		"2024-05-01T11:59:56Z":           true, // within the clock skew allowed before
		"2024-05-01T12:00:06.999Z":       true, // and after
		"2024-05-01T11:59:54.999Z":       false,
		"2024-05-01T12:00:07.001Z":       false,
		"2024-05-01T14:00:01+02:00":      true, // another zone, same instant
		"":                               false,
		"yesterday":                      false,
		"2024-05-01 12:00:01":            false,
		"2024-05-01T12:00:01.123456789Z": true,
	} {
		if got := w.contains(in); got != want {
			t.Errorf("contains(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestSameStrings(t *testing.T) {
	for _, c := range []struct {
		a, b []string
		want bool
	}{
		{nil, nil, true}, {nil, []string{}, true}, {[]string{"a", "b"}, []string{"b", "a"}, true},
		{[]string{"a", "a"}, []string{"a", "b"}, false}, {[]string{"a"}, []string{"a", "a"}, false},
		{[]string{"a", "b", "a"}, []string{"a", "a", "b"}, true},
	} {
		if got := sameStrings(c.a, c.b); got != c.want {
			t.Errorf("sameStrings(%v, %v) = %v", c.a, c.b, got)
		}
	}
}

func TestCreatedHereIsPerKind(t *testing.T) {
	noteCreated(kindSecret, "shared-id")
	if !wasCreatedHere(kindSecret, "shared-id") || wasCreatedHere(kindCustomApp, "shared-id") {
		t.Fatal("the registry must key on kind and id")
	}
	noteCreated(kindSecret, "")
	if wasCreatedHere(kindSecret, "") {
		t.Fatal("an empty id must not be recorded")
	}
}
