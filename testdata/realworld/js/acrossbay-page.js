<a
  href="https://buy.stripe.com/bJe3cxd9M8VIdaa90v2kw00"
  style={{ display: "inline-block", marginTop: "24px" }}
>
  Pay now
</a>
