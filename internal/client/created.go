package client

import "sync"

// createdRegistry remembers the objects one configured provider (one Terraform
// command) created, by kind and id, so that the search for what a retried or lost
// create made skips the siblings made by the same run, e.g. several secrets of one
// service principal created at once.
type createdRegistry struct{ m sync.Map }

type createdKey struct{ kind, id string }

// NoteCreated records that this run created the object kind/id.
func (c *Client) NoteCreated(kind, id string) {
	if c != nil && id != "" {
		c.created.m.Store(createdKey{kind, id}, struct{}{})
	}
}

// CreatedHere reports whether this run created the object kind/id.
func (c *Client) CreatedHere(kind, id string) bool {
	if c == nil {
		return false
	}
	_, ok := c.created.m.Load(createdKey{kind, id})
	return ok
}
