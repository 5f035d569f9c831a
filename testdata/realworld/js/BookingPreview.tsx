import { Box, Button } from "@chakra-ui/react";
import { Link } from "react-router-dom";

export const BookingPreview = () => {
  return (
    <Box>
        <Link to={"https://book.stripe.com/test_9AQ01qfxybuh5mE5kl"}>
          <Button w={"100%"}>
            Confirm Reservation
          </Button>
        </Link>
    </Box>
  );
};
