<li>Create a link for the product with the same price.</li>
<li>Copy the link (it starts with <code>https://buy.stripe.com/</code>) and paste it into the product here.</li>
