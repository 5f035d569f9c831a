//Stater
staterMonth: `https://buy.stripe.com/<change_me>?client_reference_id=${sessionStorage.getItem(
  "subdomain"
)}&prefilled_email=${sessionStorage.getItem("email")}`,
