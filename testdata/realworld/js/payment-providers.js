placeholder: 'https://buy.stripe.com/…',
patternHelp: 'Paste the full https://buy.stripe.com/… link from your Stripe dashboard.',
template: '{account}?client_reference_id={ref}',
