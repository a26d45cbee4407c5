package models

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// JSONType is jsontypes.NormalizedType (the same JSON written differently is no
// change) whose values tolerate a server answer that is not JSON: semantic equality
// then reports "different" instead of failing the whole plan, so such a value shows as
// drift that apply repairs. The type itself validates nothing (the framework also
// validates a type's values when the provider sets state, which would fail the read);
// configured values are checked by the attribute's validators (validators.JWKSJSON).
type JSONType struct {
	jsontypes.NormalizedType
}

var (
	_ basetypes.StringTypable                    = JSONType{}
	_ basetypes.StringValuableWithSemanticEquals = JSON{}
	_ xattr.ValidateableAttribute                = JSON{}
)

func (t JSONType) String() string { return "models.JSONType" }

func (t JSONType) Equal(o attr.Type) bool {
	_, ok := o.(JSONType)
	return ok
}

func (t JSONType) ValueType(context.Context) attr.Value { return JSON{} }

func (t JSONType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return JSON{Normalized: jsontypes.Normalized{StringValue: in}}, nil
}

func (t JSONType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	out, diags := t.ValueFromString(ctx, s)
	if diags.HasError() {
		return nil, fmt.Errorf("converting StringValue to JSON: %v", diags)
	}
	return out, nil
}

// JSON is a value of JSONType.
type JSON struct {
	jsontypes.Normalized
}

// JSONValue, JSONNull: constructors like jsontypes.NewNormalizedValue/Null.
func JSONValue(s string) JSON { return JSON{Normalized: jsontypes.NewNormalizedValue(s)} }
func JSONNull() JSON          { return JSON{Normalized: jsontypes.NewNormalizedNull()} }

func (v JSON) Type(context.Context) attr.Type { return JSONType{} }

func (v JSON) Equal(o attr.Value) bool {
	other, ok := o.(JSON)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals is jsontypes.Normalized's, except that a value that is not JSON
// is simply different (no error).
func (v JSON) StringSemanticEquals(ctx context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	nv, ok := newValuable.(JSON)
	if !ok {
		return false, nil
	}
	equal, diags := v.Normalized.StringSemanticEquals(ctx, nv.Normalized)
	if diags.HasError() {
		return false, nil // one of them is not JSON (its only error)
	}
	return equal, diags
}

// ValidateAttribute accepts every value: see JSONType.
func (v JSON) ValidateAttribute(context.Context, xattr.ValidateAttributeRequest, *xattr.ValidateAttributeResponse) {
}
