const linkYearly = 'https://buy.stripe.com/test_3csg305lh2sS7mw5kl'
const linkMonthly = 'https://buy.stripe.com/test_6oEeYWeVR3wW7mwfZ0'
<Link to={`${linkMonthly}?prefilled_email=${prefilledEmail}&locale=${locale}`}>Monatlich</Link>
