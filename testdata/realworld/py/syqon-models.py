# --- SyQon model naming (purchased) ---
_SYQON_BUY_URL = "https://donate.stripe.com/14AdR9fZFbw85Rb4Wq2B204"
