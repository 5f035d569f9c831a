export default function DonateBtn() {
  return (
    <a href="https://donate.stripe.com/dR6fZU6J2ey1dig9AA">
      <button className="ml-4 bg-blue-600 text-white">Donate</button>
    </a>
  );
}
