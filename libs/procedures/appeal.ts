/** How a client lodges an appeal at the labour court (the leefloon and social aid decision letters say it alike). */
export const LABOUR_COURT_APPEAL_HOW =
  'U stelt beroep in met een verzoekschrift dat u neerlegt op de griffie van de arbeidsrechtbank, of met een ' +
  '(aangetekende) brief aan die griffie. Vermeld uw naam, uw adres, de beslissing waartegen u opkomt en waarom u het ' +
  'er niet mee eens bent, en voeg een kopie van deze brief toe. Het beroep is kosteloos. U mag zich laten bijstaan of ' +
  'vertegenwoordigen door een advocaat, een afgevaardigde van een vakbond of een andere persoon die de wet toelaat.';
