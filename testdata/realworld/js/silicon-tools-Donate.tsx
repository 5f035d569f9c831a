<button
    className="button-primary w-full p-4"
    onClick={() => window.location.href = 'https://donate.stripe.com/8wM8Awahy7537oAbII'}
>
