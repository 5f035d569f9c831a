package reconcile

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// jsonMessage says what a JSON decoding error means, without Go's type names.
func jsonMessage(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return "malformed JSON: " + syn.Error()
	case errors.As(err, &typ):
		want := "a string"
		switch typ.Type.Kind() {
		case reflect.Int64:
			want = "a whole number"
		case reflect.Struct:
			want = "an object"
		case reflect.Slice:
			want = "an array"
		}
		if typ.Field == "" {
			return fmt.Sprintf("a JSON %s where %s is expected", typ.Value, want)
		}
		return fmt.Sprintf("%s: a JSON %s where %s is expected", typ.Field, typ.Value, want)
	}
	return err.Error()
}
