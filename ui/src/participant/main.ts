import { mount } from 'svelte';
import Participant from './Participant.svelte';
import './participant.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from participant.html');
export default mount(Participant, { target });
