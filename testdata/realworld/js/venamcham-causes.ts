description: 'Tu donación apoyará operaciones de búsqueda y rescate.',
href: 'https://donate.stripe.com/eVq14m62u9BRdpm4Xw2sM02',
