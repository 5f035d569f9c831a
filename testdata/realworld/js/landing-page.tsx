<Link 
  href="https://buy.stripe.com/bJeeVddD856nfzCc0b6Zy00" 
  className="inline-block bg-green-600 text-white px-8 py-4 rounded-lg"
>
