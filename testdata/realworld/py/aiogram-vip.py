PAYMENT_LINK =https://buy.stripe.com/dRmaEW0VMb684J77KnfAc00

@dp.message(Command("start"))
async def start(message: types.Message):
    payment_url = f"{PAYMENT_LINK}?client_reference_id={telegram_id}"
