url = JSON.parse(response.body)["url"]
expect(url).to include("https://buy.stripe.com/test_plan")
expect(url).to include("prefilled_email=#{CGI.escape(user.email)}")
