if (count === 1) {
    finalLink = "https://buy.stripe.com/3cI6oHdVh8KVaVH77R1B603";
} else if (count === 2) {
    finalLink = "https://buy.stripe.com/cNi9AT6sP3qBfbXdwf1B604";
}
