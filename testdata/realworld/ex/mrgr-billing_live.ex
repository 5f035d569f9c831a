defp stripe_checkout_url(user_size, billing_email) do
  case user_size do
    "10" -> "https://buy.stripe.com/5kA7t5aRI2B9a9qcMM?prefilled_email=#{billing_email}"
    "15" -> "https://buy.stripe.com/bIY00DcZQ2B92GY145?prefilled_email=#{billing_email}"
    "20" -> "https://buy.stripe.com/00g7t56BsdfNchybIK?prefilled_email=#{billing_email}"
  end
end
