const RECOVERY_URL = 'https://buy.stripe.com/r/live_asAb1724';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
