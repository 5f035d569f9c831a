export const useStripeLink = () => {
  const { user } = useClerk()

  return `https://buy.stripe.com/8wM6oF5wX9ht37yeUY?prefilled_email=${
    user?.emailAddresses?.[0]?.emailAddress || ''
  }`
}
