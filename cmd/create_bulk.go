package cmd

import (
	"context"
	"errors"
)

func runCreateBulk(ctx context.Context, opts *CreateOptions) error {
	return errors.New("not yet")
}
