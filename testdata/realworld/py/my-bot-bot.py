STRIPE_LINK = "https://buy.stripe.com/28o01sgDr44Y8pibII"

async def start(update, context):
    keyboard = [[InlineKeyboardButton("Pay subscription", url=STRIPE_LINK)]]
