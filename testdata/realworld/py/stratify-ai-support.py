def support():
    st.header("Support Us")
    st.markdown("""
    <a href="https://donate.stripe.com/9AQeXqfdv3eD0qA3ce" target="_blank">
        <button>Donate via Stripe</button>
    </a>
    """, unsafe_allow_html=True)
