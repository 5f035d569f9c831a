<a href="https://buy.stripe.com/eVq14p1BWcMO4c59mE8k91T" target="_blank" rel="noopener noreferrer"
   style={{ display: "inline-block", background: GOLD, color: NAVY }}>
